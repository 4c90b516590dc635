/**
 * The component library (NutUI React Taro 3), imported per component with its own stylesheet so
 * only what the app uses ships. Pages import widgets from here, never from NutUI directly, so the
 * cost stays visible in one place (see docs/adr/0002-ui-library-and-size.md).
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button/index.js'
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell/index.js'
export { default as Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch/index.js'
