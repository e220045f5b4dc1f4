import { useTranslation } from 'react-i18next';
import type { JudgeResult, TestDifference } from '@kodbro/server/contracts';

interface Props {
  result: JudgeResult;
  differences: readonly TestDifference[];
  label: string;
}

/**
 * Every hidden test of one submission: its name and group, verdict, time and
 * memory, and for a rejected one where its output first parts from the
 * answer. Staff only: the candidate never sees names, answers or differences.
 */
export function TestTable({ result, differences, label }: Props) {
  const { t } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const differenceOf = new Map(differences.map((difference) => [difference.testId, difference]));
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      <table className="report-tests">
        <thead>
          <tr>
            <th scope="col">{t('test')}</th>
            <th scope="col">{t('group')}</th>
            <th scope="col">{t('verdict')}</th>
            <th scope="col">{t('time')}</th>
            <th scope="col">{t('memory')}</th>
            <th scope="col">{t('report.firstDifference')}</th>
          </tr>
        </thead>
        <tbody>
          {result.tests.map((test) => {
            const difference = differenceOf.get(test.id);
            return (
              <tr key={`${test.group}/${test.id}`}>
                <td dir="ltr">{test.id}</td>
                <td dir="ltr">{test.group}</td>
                <td className={`verdict-${test.verdict}`}>{tc(`verdict.${test.verdict}`)}</td>
                <td>{test.timeMs} ms</td>
                <td>{test.memoryKb} KB</td>
                <td>{difference ? <Difference difference={difference} /> : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Difference({ difference }: { difference: TestDifference }) {
  const { t } = useTranslation('staff');
  return (
    <div className="difference">
      <span>{t('report.line', { line: difference.line })}</span>
      <dl>
        <dt>{t('report.expected')}</dt>
        <dd>{difference.expected === null ? <i>{t('report.ended')}</i> : <code dir="ltr">{difference.expected}</code>}</dd>
        <dt>{t('report.got')}</dt>
        <dd>{difference.got === null ? <i>{t('report.ended')}</i> : <code dir="ltr">{difference.got}</code>}</dd>
      </dl>
    </div>
  );
}
