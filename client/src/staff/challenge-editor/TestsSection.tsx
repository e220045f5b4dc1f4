import type { ChallengeDraft } from '@kodbro/server/contracts';

/** Samples and hidden test groups (a placeholder: the real section comes from branch i12-edtests). */
export function TestsSection(props: {
  samples: ChallengeDraft['samples'];
  groups: ChallengeDraft['groups'];
  onChange: (next: { samples: ChallengeDraft['samples']; groups: ChallengeDraft['groups'] }) => void;
  errors?: readonly { path: (string | number)[]; message: string }[];
}) {
  return (
    <section>
      <h2>Tests</h2>
      <p className="hint">
        {props.samples.length} / {props.groups.length}
      </p>
    </section>
  );
}
