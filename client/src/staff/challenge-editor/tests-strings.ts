/** The Tests and Solutions sections' English texts (namespace `authoring`): `{ tests, solutions }`. */
const testsEn = {};
export default testsEn;
