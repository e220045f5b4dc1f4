import type { ChallengeDraft } from '@kodbro/server/contracts';

/** Reference and wrong solutions (a placeholder: the real section comes from branch i12-edtests). */
export function SolutionsSection(props: {
  solutions: ChallengeDraft['solutions'];
  languages: ChallengeDraft['languages'];
  onChange: (next: ChallengeDraft['solutions']) => void;
  errors?: readonly { path: (string | number)[]; message: string }[];
}) {
  return (
    <section>
      <h2>Solutions</h2>
      <p className="hint">{props.solutions.map((solution) => solution.name).join(', ')}</p>
    </section>
  );
}
