// A round's leaderboard: every seat's points less penalties (both on hover), ranked, and each team's (copy's) total. Read from
// GET /api/sessions/:code/scores, which the server computes from the round's runs.
import type { RoundScores } from '../api/contracts';
import { orchestratorApi } from '../api/orchestrator-api';
import { t } from '../i18n/i18n';
import { usePolled } from './use-polled';

const REFRESH_MS = 1500;

export function Leaderboard({ code, limit = 20, hasRound }: { code: string; limit?: number; hasRound: boolean }) {
  const { value } = usePolled<RoundScores>(hasRound ? () => orchestratorApi.scores(code) : null, REFRESH_MS, [code, hasRound]);
  const scores = value.value;
  return (
    <section class="panel leaderboard" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">{scores ? t('session.leaderboardRound', { round: scores.round + 1 }) : t('session.leaderboard')}</h2>
      {!scores || scores.seats.length === 0 ? (
        <p class="hint">{t('session.noScores')}</p>
      ) : (
        <>
          <table class="scores">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('session.seat')}</th>
                <th>{t('session.team')}</th>
                <th>{t('session.score')}</th>
              </tr>
            </thead>
            <tbody>
              {scores.seats.slice(0, limit).map((seat) => (
                <tr key={`${seat.copy}/${seat.department}`} data-seat={seat.department} data-copy={seat.copy} data-rank={seat.rank} data-score={seat.score}>
                  <td>{seat.rank}</td>
                  <td>{seat.department}</td>
                  <td>{seat.copy + 1}</td>
                  <td class="score" title={t('session.scoreParts', { points: seat.points, penalties: seat.penalties })}>
                    {seat.score}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {scores.teams.length > 1 && (
            <p class="teams">
              {scores.teams.map((team) => (
                <span key={team.copy} class="team" data-copy={team.copy} data-rank={team.rank}>
                  {t('session.teamScore', { team: team.copy + 1, score: team.score, rank: team.rank })}
                </span>
              ))}
            </p>
          )}
        </>
      )}
    </section>
  );
}
