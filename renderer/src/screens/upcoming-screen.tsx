import { Screen, ScreenHeader } from '../components/screen';

/** Screens whose features have not landed yet. */
export type UpcomingScreenId = 'batch';

const plans: Record<UpcomingScreenId, { title: string; holds: string[] }> = {
  batch: {
    title: 'Batch',
    holds: [
      'Large jobs of many items with priority, concurrency, pause, resume, cancel, retry, ETA and export.',
    ],
  },
};

/** A screen whose feature has not landed yet: it says plainly what it will hold, with no data. */
export function UpcomingScreen({ screen }: { screen: UpcomingScreenId }) {
  const plan = plans[screen];
  return (
    <Screen labelledBy={`${screen}-title`}>
      <ScreenHeader id={`${screen}-title`} title={plan.title} />
      <div className="card empty-state">
        <p className="muted">This part of ReelPilot is not built yet. It will hold:</p>
        <ul>
          {plan.holds.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
    </Screen>
  );
}
