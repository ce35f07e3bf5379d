import { ApiProblem, Offline } from '../api/problem';
import { unmetLines } from '../gate-findings';
import { t } from '../i18n';
import { fieldErrorWords, problemWords } from '../problem-words';

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
    const fields = problem.errors ?? [];
    // Each field in the page's language where its code says it, else as the API's English names it.
    const words = fields.map((e) => fieldErrorWords(problem, e));
    // One field said in words is the problem's whole story: one sentence, no list below it.
    const worded = problemWords(problem) ?? (fields.length === 1 ? words[0] : null);
    const errors = worded ? [] : fields.map((e, i) => ({ ...e, words: words[i] }));
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
            {errors.map((e) =>
              e.words ? (
                <li key={e.field + e.message}>{e.words.charAt(0).toUpperCase() + e.words.slice(1)}</li>
              ) : (
                <li key={e.field + e.message}>
                  <strong>{t().fieldError(e.field)}</strong>: {e.message}
                </li>
              ),
            )}
          </ul>
        ) : null}
        {problem.status === 404 ? (
          <p>
            <a href="/">{t().backToPortfolio}</a>
          </p>
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
