// The team leader's charts: data comes from a json_script block, Chart.js draws it.
// Clicking a duration bar opens the list of courses behind it. No inline scripts (CSP).
document.addEventListener("DOMContentLoaded", () => {
  const dataEl = document.getElementById("compliance-data");
  const config = document.getElementById("compliance-config");
  if (!dataEl || typeof window.Chart === "undefined") return;
  const data = JSON.parse(dataEl.textContent);
  window.Chart.defaults.font.family = '"IBM Plex Sans", system-ui, sans-serif';
  window.Chart.defaults.color = "#1a1a1a";
  const colours = ["#1f5f8b", "#2e7d32", "#b26a00", "#7b1fa2", "#c62828", "#00838f"];
  const common = { responsive: true, maintainAspectRatio: false, animation: false };

  const trend = document.getElementById("chart-trend");
  if (trend) {
    new window.Chart(trend, {
      type: "line",
      data: {
        labels: data.trend.uger,
        datasets: data.trend.serier.map((s, i) => ({
          label: s.titel, data: s.andel, borderColor: colours[i % colours.length],
          backgroundColor: colours[i % colours.length], spanGaps: true, tension: 0.2,
        })),
      },
      options: {
        ...common,
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } } },
        scales: {
          x: { title: { display: true, text: "Uge" } },
          y: { min: 0, max: 100, ticks: { callback: (v) => v + " %" }, title: { display: true, text: "Andel der opfylder" } },
        },
      },
    });
  }

  const timer = document.getElementById("chart-timer");
  if (timer) {
    new window.Chart(timer, {
      type: "bar",
      data: {
        labels: data.timer.uger,
        datasets: [
          { label: "Bevilget", data: data.timer.bevilget, backgroundColor: "#1f5f8b" },
          { label: "Leveret", data: data.timer.leveret, backgroundColor: "#2e7d32" },
        ],
      },
      options: {
        ...common,
        scales: {
          x: { title: { display: true, text: "Uge" } },
          y: { beginAtZero: true, title: { display: true, text: "Timer" } },
        },
      },
    });
  }

  const varighed = document.getElementById("chart-varighed");
  if (varighed) {
    new window.Chart(varighed, {
      type: "bar",
      data: {
        labels: data.varighed.labels,
        datasets: [{
          label: "Forløb",
          data: data.varighed.antal,
          backgroundColor: data.varighed.over_seks.map((over) => (over ? "#b26a00" : "#1f5f8b")),
        }],
      },
      options: {
        ...common,
        plugins: { legend: { display: false } },
        scales: {
          x: { title: { display: true, text: "Varighed (dage)" } },
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "Forløb" } },
        },
        onClick: (event, elements) => {
          if (!elements.length || !config) return;
          const maal = data.varighed.maal[elements[0].index];
          const query = config.dataset.query ? "&" + config.dataset.query : "";
          window.location.href = config.dataset.listeUrl + "?maal=" + encodeURIComponent(maal) + query;
        },
      },
    });
  }
});
