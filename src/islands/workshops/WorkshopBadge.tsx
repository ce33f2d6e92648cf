/**
 * A small line on a lab page for a workshop learner: the workshop's name, a link back to its page,
 * and the time left. Renders nothing for everybody else (a self-paced learner gets a 401 from `me`).
 * It also stores the learner's CSRF token for the lab console's requests.
 */
import { useEffect, useState } from 'react';
import { learnerApi, formatDuration } from './workshop-client.ts';
import type { LearnerMe } from './workshop-types.ts';

export default function WorkshopBadge() {
  const [me, setMe] = useState<LearnerMe | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let stopped = false;
    const load = () =>
      learnerApi.me().then(
        (answer) => !stopped && setMe(answer),
        () => undefined,
      );
    void load();
    const clock = setInterval(() => setNow(Date.now()), 1000);
    const poll = setInterval(() => void load(), 30_000);
    return () => {
      stopped = true;
      clearInterval(clock);
      clearInterval(poll);
    };
  }, []);
  if (!me) return null;
  const left = Date.parse(me.workshop.endsAt) - now;
  const ended = me.workshop.state === 'ended';
  return (
    <p className="workshop-badge" data-testid="workshop-badge" style={{ fontSize: '0.9rem', margin: '0 0 0.5rem' }}>
      Workshop: <a href="/workshop">{me.workshop.title}</a> · {ended ? 'ended' : left > 0 ? `${formatDuration(left)} left` : 'time is up'}
    </p>
  );
}
