// The static site's "/": open the home page in the browser's first language we have,
// French by default (the meta refresh covers browsers without JavaScript).
(function () {
  var script = document.currentScript;
  var languages = navigator.languages || [navigator.language];
  for (var i = 0; i < languages.length; i++) {
    var lang = String(languages[i]).slice(0, 2).toLowerCase();
    if (lang === "fr" || lang === "en") return location.replace(script.dataset[lang]);
  }
  location.replace(script.dataset.fr);
})();
