import type { MessageBoxOptions } from 'electron';
import type { AutomationStatus } from '../../shared/domain/automation';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The question asked before quitting while work runs, saying what happens to it: uploads stop
 * and continue from their saved progress at the next start (never posted twice), renders start
 * again, waiting posts go out then. Null when nothing runs: quit at once.
 */
export function quitQuestion(status: AutomationStatus): MessageBoxOptions | null {
  const uploads = status.uploads.length;
  const renders = status.renders.length;
  if (uploads === 0 && renders === 0) return null;
  const running = [
    uploads > 0 ? count(uploads, 'upload', 'uploads') : null,
    renders > 0 ? count(renders, 'render', 'renders') : null,
  ].filter(Boolean);
  const verb = uploads + renders === 1 ? 'is' : 'are';
  const next: string[] = [];
  if (uploads > 0) {
    next.push(
      `${uploads === 1 ? 'The upload continues' : 'The uploads continue'} from where ${uploads === 1 ? 'it' : 'they'} stopped; nothing is posted twice.`,
    );
  }
  if (renders > 0) {
    next.push(
      `${renders === 1 ? 'The render starts' : 'The renders start'} again from the beginning.`,
    );
  }
  if (status.uploadsWaiting > 0) {
    next.push(`${count(status.uploadsWaiting, 'waiting post is', 'waiting posts are')} sent then.`);
  }
  return {
    type: 'question',
    title: 'Quit ReelPilot?',
    message: `${running.join(' and ')} ${verb} running. Quit anyway?`,
    detail: `The next time ReelPilot starts: ${next.join(' ')}\n\nSchedules do not run while ReelPilot is closed; a missed run is made up once when it starts again.`,
    buttons: ['Quit', 'Keep running'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}
