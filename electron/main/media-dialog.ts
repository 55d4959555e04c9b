import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import { mediaExtensions } from '../../shared/domain/media';

/** The system's open dialog for media; nothing when the person cancels. */
export async function chooseMediaPaths(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  parent: BrowserWindow | null,
  mode: 'files' | 'folder',
): Promise<string[]> {
  const options: OpenDialogOptions = {
    title: mode === 'folder' ? 'Add a folder of media' : 'Add media files',
    properties: mode === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
    ...(mode === 'files'
      ? {
          filters: [
            {
              name: 'Pictures, videos and sound',
              extensions: Object.values(mediaExtensions)
                .flat()
                .map((ext) => ext.slice(1)),
            },
          ],
        }
      : {}),
  };
  const result = parent
    ? await dialog.showOpenDialog(parent, options)
    : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}
