/**
 * Where a signed-out H5 session goes: the local CloudBase's dev login page, which lets a developer
 * pick a seeded demo user. WeChat builds never reach it: the platform always knows the caller.
 */
export const DEV_LOGIN_URL = '/dev/'
