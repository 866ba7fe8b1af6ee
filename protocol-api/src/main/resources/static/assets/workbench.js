// The workbench checks the text as it is typed (after a pause), with the engine's own check, and shows every finding
// at its line and column; choosing one puts the cursor there. Nothing is published until the form is sent.
(function () {
    "use strict";
    var source = document.getElementById("source");
    var findings = document.getElementById("findings");
    if (!source || !findings) {
        return;
    }
    var header = document.querySelector("meta[name=csrf-header]").content;
    var token = document.querySelector("meta[name=csrf-token]").content;
    var timer = null;
    var asked = 0;

    function offsetOf(line, column) {
        var lines = source.value.split("\n");
        var offset = 0;
        for (var i = 0; i < line - 1 && i < lines.length; i++) {
            offset += lines[i].length + 1;
        }
        return offset + Math.max(0, column - 1);
    }

    function item(f) {
        var li = document.createElement("li");
        li.className = "diagnostic " + f.severity;
        li.dataset.line = f.line;
        li.dataset.column = f.column;
        li.tabIndex = 0;
        li.textContent = "line " + f.line + ", column " + f.column + ": " + f.severity + ": " + f.message;
        return li;
    }

    function show(report) {
        findings.replaceChildren.apply(findings, report.findings.map(item));
        document.getElementById("check-state").textContent = report.ok ? "passes" : "fails";
        document.getElementById("explained").textContent = report.explained || "";
        var changes = document.getElementById("changes");
        var list = document.createElement("ul");
        if (!report.changes) {
            var none = document.createElement("p");
            none.className = "muted";
            none.textContent = "None to compare with.";
            changes.replaceChildren(none);
            return;
        }
        if (report.changes.differences.length === 0) {
            var same = document.createElement("li");
            same.textContent = "the same meaning as v" + report.changes.against;
            list.appendChild(same);
        }
        report.changes.differences.forEach(function (d) {
            var li = document.createElement("li");
            li.textContent = d.entry + " " + d.change + ": " + (d.before || "") + " -> " + (d.after || "");
            list.appendChild(li);
        });
        changes.replaceChildren(list);
    }

    function check() {
        var mine = ++asked;
        var headers = {"Content-Type": "text/plain;charset=UTF-8", "Accept": "application/json"};
        headers[header] = token;
        fetch("/pages/protocols/check", {method: "POST", headers: headers, body: source.value, credentials: "same-origin"})
            .then(function (answer) { return answer.ok ? answer.json() : null; })
            .then(function (report) {
                if (report && mine === asked) {
                    show(report);
                }
            });
    }

    source.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(check, 400);
    });
    function jump(event) {
        var target = event.target.closest("li.diagnostic");
        if (!target || (event.type === "keydown" && event.key !== "Enter")) {
            return;
        }
        var at = offsetOf(Number(target.dataset.line), Number(target.dataset.column));
        source.focus();
        source.setSelectionRange(at, at);
    }
    findings.addEventListener("click", jump);
    findings.addEventListener("keydown", jump);
})();
