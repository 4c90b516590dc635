// Benchmark function: one SDK database call per event, as a thin production handler would make.
const tcb = require('@cloudbase/node-sdk')

const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
const db = app.database()

exports.main = async (event) => {
  if (event.op === 'add')
    return {
      id: (
        await db
          .collection('bench')
          .add({ n: event.n, by: app.auth().getUserInfo().openId, at: db.serverDate() })
      ).id,
    }
  if (event.op === 'get') return { data: (await db.collection('bench').doc(event.id).get()).data }
  return { pong: true }
}
