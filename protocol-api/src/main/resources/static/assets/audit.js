// The audit view shows at once; the verification of the record, which reads every event of the course, is fetched
// after and put in place. Without scripts the link beside it opens the verification as a page of its own.
(function () {
    "use strict";
    var verdict = document.getElementById("verdict");
    if (!verdict || !verdict.dataset.src) {
        return;
    }
    verdict.textContent = "Verifying the record...";
    fetch(verdict.dataset.src, {credentials: "same-origin", headers: {"Accept": "text/html"}})
        .then(function (answer) { return answer.ok ? answer.text() : Promise.reject(answer.status); })
        .then(function (html) {
            var part = new DOMParser().parseFromString(html, "text/html").getElementById("verdict");
            if (part) {
                verdict.replaceWith(part);
            }
        })
        .catch(function (status) {
            verdict.textContent = "The verification could not be read (" + status + "): open it as a page with the link.";
        });
})();
