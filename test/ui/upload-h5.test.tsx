import { pickPhotos } from '../../src/services/upload.h5'
import { admitPhotos } from '../../src/services/upload-rules'

// The browser's file input cannot cap how many photos are chosen: none may vanish on the way to
// admitPhotos, which says how many were left out.

it('hands back every chosen photo, so the form can say that 1 of 10 was left out', async () => {
  let created = 0
  Object.assign(URL, { createObjectURL: jest.fn(() => `blob:${++created}`) })
  const picking = pickPhotos(9)
  const input = document.querySelector('input[type="file"]') as HTMLInputElement
  expect(input.multiple).toBe(true)
  const files = Array.from({ length: 10 }, (_, i) => new File(['x'.repeat(i + 1)], `${i}.jpg`))
  Object.defineProperty(input, 'files', { value: files })
  input.dispatchEvent(new Event('change'))
  const picked = await picking
  expect(picked).toHaveLength(10)
  const { accepted, notice } = admitPhotos(0, picked)
  expect(accepted).toHaveLength(9)
  expect(notice).toBe('最多 9 张照片，多出的 1 张未添加')
})
