/** A business error as the CloudBase gateway reports it: HTTP 200 with `{ code, message, requestId }`. */
export class TcbError extends Error {
  constructor(
    readonly code: string | number,
    message: string,
    /** for the emulator's log only, never sent (e.g. why a transaction id is no longer valid) */
    readonly detail?: string,
  ) {
    super(message)
    this.name = 'TcbError'
  }
}

/** Codes used by the platform (as named in @cloudbase/node-sdk, @cloudbase/database and wx-server-sdk's TCB_ERR_CODE table). */
export const Codes = {
  INVALID_PARAM: 'INVALID_PARAM',
  SYS_ERR: 'SYS_ERR',
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  DB_REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  /** spelled as in wx-server-sdk's TCB_ERR_CODE table (maps to -502002 "database invalid command") */
  DB_INVALID_OPERATOR: 'DATABASE_INVALID_OPERRATOR',
  TXN_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  TXN_FAIL: 'DATABASE_TRANSACTION_FAIL',
  FUNCTIONS_EXECUTE_FAIL: 'FUNCTIONS_EXECUTE_FAIL',
  FUNCTIONS_REQUEST_FAIL: 'FUNCTIONS_REQUEST_FAIL',
  STORAGE_FILE_NONEXIST: 'STORAGE_FILE_NONEXIST',
  STORAGE_REQUEST_FAIL: 'STORAGE_REQUEST_FAIL',
} as const

export const invalidParam = (message: string): TcbError => new TcbError(Codes.INVALID_PARAM, message)
