import { ApiProblem, Offline } from '../api/problem';
import { unmetLines } from '../gate-findings';
import { t } from '../i18n';
import { problemWords } from '../problem-words';

/**
 * Whatever went wrong, in words, beside what caused it: the API's own detail, each field it
 * names, every unmet gate condition. A lost connection says so; an expired session is shown by
 * the layout's sign-in banner, and the form that failed keeps its input.
 */
export const ProblemView = ({ error, id }: { error: unknown; id?: string }) => {
  if (!error) return null;
  if (error instanceof Offline) {
    return (
      <div class="problem" role="alert" id={id}>
        <p>{t().offline}</p>
      </div>
    );
  }
  if (error instanceof ApiProblem) {
    const { problem } = error;
    // Worded here, it names the field itself: no list of the API's English field messages below it.
    const worded = problemWords(problem);
    const errors = worded ? [] : (problem.errors ?? []);
    // The API's detail joins the field errors or unmet conditions listed below it: said once is enough.
    const listed = problem.errors?.map((e) => e.message) ?? problem.unmet ?? [];
    const repeatsList = listed.length > 0 && problem.detail?.endsWith(listed.join('; '));
    const titles = t().problemTitles;
    const detail = worded ?? (problem.detail && !repeatsList ? problem.detail : '');
    return (
      <div class="problem" role="alert" id={id} data-status={problem.status}>
        <p>
          <strong>{titles[problem.type?.split('/').pop() ?? ''] ?? titles[String(problem.status)] ?? problem.title}</strong>
          {detail ? `: ${detail}` : ''}
        </p>
        {errors.length ? (
          <ul class="problem-errors">
            {errors.map((e) => (
              <li key={e.field + e.message}>
                <strong>{t().fieldError(e.field)}</strong>: {e.message}
              </li>
            ))}
          </ul>
        ) : null}
        {problem.unmet?.length ? (
          <>
            <p>{t().unmetList}</p>
            <ul class="problem-unmet">
              {unmetLines(problem.unmet, problem.findings).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    );
  }
  return (
    <div class="problem" role="alert" id={id}>
      <p>{String((error as Error)?.message ?? error)}</p>
    </div>
  );
};
