
/* ---------- LossLab: validation accuracy per epoch ----------
 * Appended by LossLab's UI server to DL4J's overview.js. DL4J's overview charts the per-iteration score only;
 * LossLab's server adds data["losslab"]["validationAccuracy"] ([epoch, percent] pairs, from the run's epoch
 * records) and this draws them with flot, in a box of their own below the score chart. */
(function () {
    var dl4jRender = renderModelPerformanceTable;
    renderModelPerformanceTable = function (data) {
        dl4jRender(data);
        renderValidationAccuracy(data);
    };

    function renderValidationAccuracy(data) {
        var points = data["losslab"] ? data["losslab"]["validationAccuracy"] : null;
        if (!points) {
            return;
        }
        var box = $("#losslabAccuracyBox");
        if (!box.length) {
            box = $("<div id='losslabAccuracyBox' class='col-8 chart-box'><div class='chart-header'>"
                + "<h2><b>Validation accuracy per epoch (%)</b></h2></div>"
                + "<div id='losslabAccuracyChart' class='center' style='height: 260px;'></div>"
                + "<p id='losslabAccuracyLast'></p></div>");
            $("#scoreiterchart").closest(".chart-box").parent().append(box);
        }
        if (points.length === 0) {
            $("#losslabAccuracyLast").text("no epoch finished yet");
            return;
        }
        var last = points[points.length - 1];
        $("#losslabAccuracyLast").text("after epoch " + last[0] + ": " + last[1].toFixed(2) + " %");
        $.plot($("#losslabAccuracyChart"), [{data: points, label: "validation accuracy (%)", color: "#1f77b4"}], {
            series: {lines: {show: true, lineWidth: 2}, points: {show: true, radius: 3}},
            grid: {hoverable: true, clickable: false, tickColor: "#dddddd", borderWidth: 0},
            xaxis: {minTickSize: 1, tickDecimals: 0, axisLabel: "epoch"},
            yaxis: {tickDecimals: 1},
            legend: {show: false}
        });
    }
})();
