/**
 * The similarity screen's texts (inside the `staff` namespace, under
 * `similarity`) in English; Swedish in similarity-strings.sv.ts.
 */
const similarityEn = {
  similarity: {
    link: 'Similar code',
    heading: 'Similar code: {{title}}',
    back: 'Back to the assessment',
    notice:
      'Similarity is evidence for a person to look at, never a verdict. Short tasks have few good solutions, so common solutions are naturally alike; people also learn from the same books and courses. Read both codes before you think anything of a pair, and talk to the candidates about their code. Nothing in Kodbro hides or changes a result because of a score.',
    method:
      'Each candidate’s last submission per task is compared with the others in the same language. Names, numbers, text, comments, layout, the order of functions and the starter code are ignored. The score is the smaller of the two shares of code that matches (100 % would mean both programs are entirely the matching part). Pairs from {{threshold}} % are listed.',
    loading: 'Comparing…',
    compared_one: '{{count}} final submission compared.',
    compared_other: '{{count}} final submissions compared.',
    noPairs: 'No pair above the threshold.',
    pairsCaption: 'Pairs for {{title}}, highest score first',
    candidateA: 'Candidate',
    candidateB: 'Candidate',
    language: 'Language',
    score: 'Score',
    percent: '{{value}} %',
    open: 'Compare {{a}} and {{b}}',
    sideBySide: 'Side by side',
    close: 'Close',
    pairHeading: '{{a}} ↔ {{b}}',
    regions: 'Matching regions',
    region: 'Lines {{aFrom}}–{{aTo}} ↔ lines {{bFrom}}–{{bTo}}',
    regionLabel: 'Match {{n}}',
    codeOf: 'Code of {{name}}',
    loadingCode: 'Loading both codes…',
    legend: 'Lines of a matching region are marked and numbered in the margin (▌1 = match 1).',
    shares: '{{aShare}} % of the code of {{a}} is in the matching part, and {{bShare}} % of the code of {{b}}.',
    shown: 'Showing {{a}} and {{b}} side by side.',
  },
};

export default similarityEn;
