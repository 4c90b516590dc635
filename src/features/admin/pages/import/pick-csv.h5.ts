/** H5: no chat files to pick from; the admin pastes the CSV. */
export const canPickFile = false

export async function pickCsvFile(): Promise<string | null> {
  return null
}
