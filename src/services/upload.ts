/**
 * Photos: pick, compress on the phone, upload to cloud storage. Taro picks `upload.weapp.ts`
 * (chooseMedia, compressImage, wx.cloud.uploadFile) or `upload.h5.ts` (file input, canvas, the
 * local CloudBase's `POST /api/__upload`); this file is what tests and the type checker see.
 */
export { pickPhotos, compressPhoto, uploadPhoto, discardPhoto, photoUrls } from './upload.h5'
