/**
 * @jest-environment jsdom
 */
import * as path from 'node:path'
const dist = path.join(__dirname, '../../dist/weapp')

test('proto', async () => {
  jest.resetModules()
  const g = global as any
  let app: any
  g.App = (cfg: any) => { app = cfg }
  g.getApp = () => app
  let pages: any[] = []
  g.getCurrentPages = () => pages
  const simulate = require('miniprogram-simulate')
  g.Page = (cfg: any) => {
    const methods: any = {}
    for (const k of Object.keys(cfg)) if (typeof cfg[k] === 'function') methods[k] = cfg[k]
    g.Component({ data: cfg.data, methods, lifetimes: { attached(this: any) { this.route = 'pages/home/index'; pages = [this]; this.onLoad({}); this.onShow && this.onShow() ; this.onReady && this.onReady()} } })
  }
  g.wx.cloud = { init: jest.fn(), callFunction: jest.fn(async () => ({ result: { ok: true, data: { userId: 'u1', displayName: '张阿姨', roles: [], household: null, created: false } } })) }
  delete g.wx.webpackJsonp
  require(path.join(dist, 'app.js'))
  console.log('app keys', Object.keys(app||{}))
  app.onLaunch && app.onLaunch({ path: 'pages/home/index', query: {}, scene: 1001 })
  app.onShow && app.onShow({})
  const id = simulate.load(path.join(dist, 'pages/home/index'), { compiler: 'official', rootPath: dist })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  for (let i = 0; i < 50 && !(page.data.root && page.data.root.cn && page.data.root.cn.length); i++) await simulate.sleep(10)
  await simulate.sleep(50)
  console.log(page.dom.textContent)
  console.log(page.dom.innerHTML.slice(0, 1500))
})
