/** The Tests and Solutions sections' Swedish texts (namespace `authoring`). */
const testsSv = {};
export default testsSv;
