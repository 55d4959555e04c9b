import { Screen, ScreenHeader } from '../components/screen';

/** Screens whose features have not landed yet. */
export type UpcomingScreenId = 'statistics';

const plans: Record<UpcomingScreenId, { title: string; holds: string[] }> = {
  statistics: {
    title: 'Statistics',
    holds: ['Posts, success rates and engagement by period, account health, errors and alerts.'],
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
