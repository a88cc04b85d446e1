// The event feed, newest first: leaks and who was blamed, audits, escalations, lever changes, the run's end.
import { t } from '../i18n/i18n';
import type { FeedEntry } from '../run/feed';
import { leverName, leverValueText } from '../run/lever-label';
import type { RunSession } from '../run/run-session';

const amount = (value: number) => String(Math.round(value * 10) / 10);

/** Who paid for a detected leak, as the liability regime decided: the owner, the holder, both, or nobody. */
function blame(entry: Extract<FeedEntry, { kind: 'leak' }>): string {
  if (!entry.detected) return t('feed.blamedNobody');
  const who = [
    entry.ownerPenalty > 0 ? t('feed.blameOwner', { owner: entry.owner, penalty: amount(entry.ownerPenalty) }) : null,
    entry.holderPenalty > 0 ? t('feed.blameHolder', { holder: entry.holder, penalty: amount(entry.holderPenalty) }) : null,
  ].filter(Boolean);
  return who.length ? t('feed.blamed', { who: who.join(' + ') }) : t('feed.blamedNobody');
}

/** An entry as one line of text in the page's language. */
export function feedText(entry: FeedEntry): string {
  switch (entry.kind) {
    case 'leak':
      return `${t(entry.detected ? 'feed.leakDetected' : 'feed.leakUndetected', entry)} — ${blame(entry)}`;
    case 'moreLeaks':
      return t('feed.moreLeaks', { count: entry.count });
    case 'audits':
      return `${t('feed.audits', { count: entry.count, penalty: amount(entry.penalty) })}; ${t('feed.auditsBy', { owners: entry.owners.slice(0, 6).join(', ') + (entry.owners.length > 6 ? ', …' : '') })}`;
    case 'escalations':
      return t('feed.escalations', { count: entry.count, granted: entry.granted });
    case 'lever':
      return t('feed.lever', { lever: leverName(entry.path), value: leverValueText(entry.path, entry.value), tick: entry.tick });
    case 'completed':
      return t('feed.completed', { digest: entry.digest.slice(0, 16) });
    case 'failed':
      return t('feed.failed', { error: entry.error });
  }
}

export function EventFeed({ session, limit = 60 }: { session: RunSession; limit?: number }) {
  const entries = session.feed.value.slice(0, limit);
  return (
    <section class="panel feed" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('feed.title')}</h2>
      {entries.length === 0 && <p class="hint">{t('feed.empty')}</p>}
      <ol>
        {entries.map((entry, i) => (
          <li key={i} class={`feed-${entry.kind}`} data-kind={entry.kind}>
            <span class="feed-tick">{t('feed.tick', { tick: entry.tick })}</span> {feedText(entry)}
          </li>
        ))}
      </ol>
    </section>
  );
}
