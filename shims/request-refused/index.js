// danfojs-node calls request(options) or request.get(url) only when readCSV/readJSON/readExcel
// get an http(s) URL. This project reads tables from disk; a URL ends here with an error that
// says what to do instead.
function refuse(target) {
  const url = typeof target === "string" ? target : target && (target.url || target.uri);
  throw new Error(
    `danfojs-node tried to download ${JSON.stringify(String(url))}: reading tables from URLs is not ` +
      "supported here (the deprecated request package is replaced by a stand-in, see package.json " +
      "overrides); download the file and read it from disk",
  );
}

function request(options) {
  return refuse(options);
}
request.get = refuse;
module.exports = request;
