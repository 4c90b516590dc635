/**
 * The photo service (src/services/upload) as the page tests script it. A test file mocks it with
 *   jest.mock('../../src/services/upload', () =>
 *     jest.requireActual<typeof import('./upload-mock')>('./upload-mock').uploadMock(),
 *   )
 * and scripts its answers through `photoMocks()` (each test file has its own mocks).
 */
import type * as Upload from '../../src/services/upload'

type Service = typeof Upload

/** Every function of the service a bare mock; `photoUrls` answers no URLs. */
export const uploadMock = (): Record<keyof Service, jest.Mock> => ({
  pickPhotos: jest.fn(),
  compressPhoto: jest.fn(),
  uploadPhoto: jest.fn(),
  discardPhoto: jest.fn(),
  photoUrls: jest.fn(async () => ({})),
})

/** The mocked service's functions, typed: pick, compress, upload (and the URLs of stored photos). */
export function photoMocks() {
  const m = jest.requireMock<Service>('../../src/services/upload')
  return {
    pick: m.pickPhotos as jest.MockedFunction<Service['pickPhotos']>,
    compress: m.compressPhoto as jest.MockedFunction<Service['compressPhoto']>,
    upload: m.uploadPhoto as jest.MockedFunction<Service['uploadPhoto']>,
    urls: m.photoUrls as jest.MockedFunction<Service['photoUrls']>,
  }
}
