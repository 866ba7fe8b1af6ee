// The course page's charts, drawn with uPlot from the page's own data block (no request of their own): a chart of vital
// signs per session, with the protocol's fixed limits as dashed lines, and a chart of outcome scores over the course.
// The page says the same values in words and tables; a reader without scripts misses nothing but the drawing.
(function () {
    "use strict";
    var holder = document.getElementById("charts");
    var block = document.getElementById("chart-data");
    if (!holder || !block || typeof uPlot === "undefined") {
        return;
    }
    var data = JSON.parse(block.textContent);
    var SIGNS = [
        {key: "systolic", label: "systolic (mmHg)", colour: "#1f4e79"},
        {key: "diastolic", label: "diastolic (mmHg)", colour: "#4a7fb0"},
        {key: "heart_rate", label: "heart rate (bpm)", colour: "#8a1c1c"},
        {key: "spo2", label: "SpO2 (%)", colour: "#2e7d32"},
        {key: "respiratory_rate", label: "respiratory rate (/min)", colour: "#6a1b9a"}
    ];
    var width = Math.max(280, Math.min(holder.clientWidth || 640, 900));
    // times on the axes in the clinic's zone, as the page's tables show them, not in the browser's
    var zone = data.zone || "UTC";
    var inClinicZone = function (seconds) { return uPlot.tzDate(new Date(seconds * 1e3), zone); };

    function figure(title) {
        var figure = document.createElement("figure");
        var caption = document.createElement("figcaption");
        caption.textContent = title;
        figure.appendChild(caption);
        holder.appendChild(figure);
        return figure;
    }

    (data.sessions || []).forEach(function (session) {
        var shown = SIGNS.filter(function (sign) {
            return session.readings.some(function (r) { return r[sign.key] !== undefined; });
        });
        if (shown.length === 0) {
            return;
        }
        var times = session.readings.map(function (r) { return r.t; });
        var columns = [times];
        var series = [{}];
        shown.forEach(function (sign) {
            columns.push(session.readings.map(function (r) { return r[sign.key] === undefined ? null : Number(r[sign.key]); }));
            series.push({label: sign.label, stroke: sign.colour, width: 2, spanGaps: true, points: {show: true}});
            session.limits.filter(function (l) { return l.sign === sign.key; }).forEach(function (limit) {
                columns.push(times.map(function () { return Number(limit.value); }));
                series.push({label: limit.rule + ": " + limit.text, stroke: sign.colour, dash: [6, 4], width: 1, points: {show: false}});
            });
        });
        var place = figure("Session " + session.session + ": vital signs");
        place.setAttribute("data-session", session.session);
        new uPlot({width: width, height: 260, tzDate: inClinicZone, series: series, axes: [{}, {label: "value in its unit"}]},
            columns, place);
    });

    Object.keys(data.outcomes || {}).forEach(function (instrument) {
        var points = data.outcomes[instrument];
        var place = figure(instrument + " over the course");
        place.setAttribute("data-instrument", instrument);
        // a week either side of the scores, so that one score alone is not drawn against years of empty axis
        var first = points[0].t - 7 * 86400;
        var last = points[points.length - 1].t + 7 * 86400;
        new uPlot({width: width, height: 220, tzDate: inClinicZone,
            series: [{}, {label: instrument, stroke: "#1f4e79", width: 2, points: {show: true}}],
            scales: {x: {time: true, range: function () { return [first, last]; }}}, axes: [{}, {label: "score"}]}, [points.map(function (p) { return p.t; }), points.map(function (p) { return p.score; })], place);
    });
})();
