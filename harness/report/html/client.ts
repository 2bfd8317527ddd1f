// The page's one script, as text: stepping through a trace moves the highlight on its diagram. It reads only
// the page's own data-* attributes (state names the page wrote, compared as strings, never parsed as
// selectors or markup), and the page allows no other script to run (its Content-Security-Policy names this
// one by its hash).
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var LOOKS = ['current', 'visited', 'expected', 'observed', 'trail'];
  function each(list, f) { Array.prototype.forEach.call(list, f); }
  function attrIs(el, name, value) { return el.getAttribute(name) === value; }

  function setUp(section) {
    var svg = section.querySelector('svg.diagram');
    var steps = section.querySelectorAll('.step');
    var position = section.querySelector('.position');
    if (!svg || !steps.length) return;
    var states = svg.querySelectorAll('.state, .state-alias');
    var edges = svg.querySelectorAll('.edge');
    function mark(state, look) {
      each(states, function (n) { if (attrIs(n, 'data-state', state)) n.classList.add(look); });
    }
    function markEdge(from, to, look) {
      each(edges, function (g) {
        if (attrIs(g, 'data-from', from) && attrIs(g, 'data-to', to)) g.classList.add(look);
      });
    }
    function show(k) {
      k = Math.max(0, Math.min(steps.length - 1, k));
      each(states, function (n) { LOOKS.forEach(function (l) { n.classList.remove(l); }); });
      each(edges, function (g) { LOOKS.forEach(function (l) { g.classList.remove(l); }); });
      for (var j = 0; j <= k; j++) {
        var s = steps[j];
        mark(s.getAttribute('data-state'), 'visited');
        var from = s.getAttribute('data-from');
        if (from && from !== s.getAttribute('data-state')) markEdge(from, s.getAttribute('data-state'), 'trail');
      }
      var at = steps[k];
      var here = at.getAttribute('data-state');
      var came = at.getAttribute('data-from');
      mark(here, 'current');
      if (came && came !== here) markEdge(came, here, 'current');
      (at.getAttribute('data-expected') || '').split(' ').forEach(function (e) {
        if (!e) return;
        mark(e, 'expected');
        markEdge(here, e, 'expected');
      });
      var seen = at.getAttribute('data-observed');
      if (seen) { mark(seen, 'observed'); markEdge(here, seen, 'observed'); }
      each(steps, function (s, i) {
        s.classList.toggle('selected', i === k);
        if (i === k) s.setAttribute('aria-current', 'step'); else s.removeAttribute('aria-current');
      });
      section.setAttribute('data-at', String(k));
      if (position) position.textContent = 'step ' + k + ' of ' + (steps.length - 1) + ': ' + at.getAttribute('data-label');
    }
    var current = function () { return Number(section.getAttribute('data-at') || '0'); };
    each(steps, function (s, i) {
      s.addEventListener('click', function () { show(i); });
      s.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); show(i); }
      });
    });
    var go = { first: function () { return 0; }, prev: function () { return current() - 1; },
      next: function () { return current() + 1; }, last: function () { return steps.length - 1; } };
    each(section.querySelectorAll('button[data-go]'), function (b) {
      b.addEventListener('click', function () { show(go[b.getAttribute('data-go')]()); });
    });
    section.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') { ev.preventDefault(); show(current() + 1); }
      if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') { ev.preventDefault(); show(current() - 1); }
    });
    show(0);
  }

  function filterRules() {
    var input = document.getElementById('rule-filter');
    if (!input) return;
    input.addEventListener('input', function () {
      var q = input.value.toLowerCase();
      each(document.querySelectorAll('#rules tbody tr'), function (tr) {
        tr.hidden = q !== '' && tr.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  }

  each(document.querySelectorAll('section.trace'), setUp);
  filterRules();
})();
`;
