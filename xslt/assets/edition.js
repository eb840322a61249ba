/* edition.js: progressive enhancement of the reading edition.
 *
 * Without this script every name, date and citation is still a plain link to
 * its register entry. With it:
 *  - hovering, focusing or tapping a name, date, citation or note marker shows
 *    a card with what the edition knows (cloned from the page's own
 *    <template id="card-…"> elements: no fetch, works from file://). The card
 *    describes its trigger (aria-describedby); Escape closes it; the pointer
 *    can move onto it; on touch screens the first tap opens it and a second
 *    tap follows the link;
 *  - the legend's toggle buttons (aria-pressed) highlight each kind of name;
 *  - a paragraph's "Cite" button opens its citations (Chicago, APA, MLA,
 *    BibTeX, RIS) under it; "Copy" buttons copy one to the clipboard and say
 *    so right under it, until the reader dismisses the message;
 *  - the contents list marks the section being read (aria-current);
 *  - the search box searches the article and the registers (search-index.js,
 *    loaded on first use);
 *  - keyboard economy: each passage (title, abstract, paragraph, table, note)
 *    is one tab stop; the arrow keys move among its names (a roving
 *    tabindex). A switch in the legend puts every name back in the tab order.
 *    The card is placed right after its trigger, so Tab goes on into its links.
 */
(function () {
  'use strict';

  var doc = document;

  function ready(fn) {
    if (doc.readyState !== 'loading') fn();
    else doc.addEventListener('DOMContentLoaded', fn);
  }

  function closestTrigger(node) {
    return node && node.nodeType === 1 ? node.closest('[data-card]') : null;
  }

  /* ===== Cards ===== */

  function initCards() {
    var store = doc.getElementById('card-store');
    if (!store) return;

    var card = doc.createElement('div');
    card.id = 'entity-card';
    card.className = 'card';
    card.hidden = true;
    doc.body.appendChild(card);

    var current = null;     // the trigger whose card is shown
    var dismissed = null;   // the trigger whose card Escape closed
    var showTimer = 0;
    var hideTimer = 0;
    var touch = null;       // {trigger, wasOpen} of the last touch on a trigger

    function kindOf(t) {
      var m = /\bent-(\w+)/.exec(t.className);
      if (m) return m[1];
      if (t.classList.contains('cite')) return 'bibl';
      if (t.classList.contains('noteref')) return 'note';
      return '';
    }

    function position(t) {
      var rects = t.getClientRects();
      var r = rects.length ? rects[0] : t.getBoundingClientRect();
      var vw = doc.documentElement.clientWidth;
      var vh = window.innerHeight;
      card.style.left = '0px';
      card.style.top = '0px';
      var cw = card.offsetWidth;
      var ch = card.offsetHeight;
      var left = Math.max(8, Math.min(r.left, vw - cw - 8));
      var top = r.bottom + 8;
      if (top + ch > vh - 8 && r.top - ch - 8 >= 8) top = r.top - ch - 8;
      card.style.left = Math.round(left) + 'px';
      card.style.top = Math.round(top) + 'px';
    }

    function open(t) {
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      if (current === t && !card.hidden) return;
      var tpl = doc.getElementById(t.getAttribute('data-card'));
      if (!tpl || !tpl.content) return;
      if (current) current.removeAttribute('aria-describedby');
      card.replaceChildren(tpl.content.cloneNode(true));
      card.setAttribute('data-kind', kindOf(t));
      // Right after its trigger in the document, so that Tab reaches its links.
      if (t.nextSibling !== card) t.after(card);
      card.hidden = false;
      current = t;
      dismissed = null;
      t.setAttribute('aria-describedby', card.id);
      position(t);
    }

    function close() {
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      if (!current) return;
      card.hidden = true;
      current.removeAttribute('aria-describedby');
      current = null;
    }

    function scheduleOpen(t, delay) {
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      showTimer = setTimeout(function () { open(t); }, delay);
    }

    function scheduleClose(delay) {
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      hideTimer = setTimeout(close, delay);
    }

    function inside(node, el) {
      return !!(node && el && (node === el || el.contains(node)));
    }

    // Mouse: hover opens after a short delay; the pointer may move onto the card.
    doc.addEventListener('mouseover', function (e) {
      if (inside(e.target, card)) { clearTimeout(hideTimer); return; }
      var t = closestTrigger(e.target);
      if (t && t !== dismissed) scheduleOpen(t, current ? 60 : 150);
    });
    doc.addEventListener('mouseout', function (e) {
      var from = inside(e.target, card) ? card : closestTrigger(e.target);
      if (!from) return;
      var to = e.relatedTarget;
      if (inside(to, from)) return;
      if (from !== card && from === dismissed) dismissed = null;
      if (current && (inside(to, card) || inside(to, current))) return;
      scheduleClose(250);
    });

    // Keyboard: focus opens at once, leaving the trigger and the card closes.
    doc.addEventListener('focusin', function (e) {
      if (inside(e.target, card)) { clearTimeout(hideTimer); return; }
      var t = closestTrigger(e.target);
      if (t) {
        if (touch && touch.trigger === t) return;  // a tap decides in 'click'
        if (t !== dismissed) open(t);
      } else if (current) {
        close();
      }
    });
    doc.addEventListener('focusout', function (e) {
      var t = closestTrigger(e.target);
      if (t && t === dismissed) dismissed = null;
      var to = e.relatedTarget;
      if (current && !inside(to, card) && !inside(to, current) && (t === current || inside(e.target, card))) {
        scheduleClose(100);
      }
    });

    // Touch: the first tap on a name shows its card, a second tap follows the link.
    doc.addEventListener('pointerdown', function (e) {
      var t = closestTrigger(e.target);
      if (e.pointerType === 'touch' || e.pointerType === 'pen') {
        touch = t ? { trigger: t, wasOpen: current === t && !card.hidden } : null;
        if (!t && current && !inside(e.target, card)) close();
      } else {
        touch = null;
      }
    }, true);
    doc.addEventListener('click', function (e) {
      var t = closestTrigger(e.target);
      if (!t || !touch || touch.trigger !== t) return;
      var wasOpen = touch.wasOpen;
      touch = null;
      if (!wasOpen) {
        e.preventDefault();
        open(t);
      }
    });

    // Escape closes the card and keeps it closed until the reader moves on.
    doc.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape' || !current) return;
      var t = current;
      var focusInCard = inside(doc.activeElement, card);
      close();
      dismissed = t;
      if (focusInCard) t.focus();
      e.preventDefault();
    });

    window.addEventListener('resize', function () { if (current) position(current); });
    window.addEventListener('scroll', function () { if (current) position(current); }, { passive: true });
  }

  /* ===== Citation panels under the paragraphs ===== */

  function initCitePanels() {
    doc.addEventListener('click', function (e) {
      var button = e.target.nodeType === 1 ? e.target.closest('.cite-toggle[data-cite]') : null;
      if (!button) return;
      var id = button.getAttribute('data-cite');
      var para = button.closest('.para');
      var panel = doc.getElementById(id + '-panel');
      if (panel) {
        var open = button.getAttribute('aria-expanded') === 'true';
        panel.hidden = open;
        button.setAttribute('aria-expanded', open ? 'false' : 'true');
        return;
      }
      var tpl = doc.getElementById(id);
      if (!tpl || !para) return;
      panel = doc.createElement('section');
      panel.id = id + '-panel';
      panel.className = 'cite-popover';
      panel.setAttribute('aria-label', 'Cite ' + (para.querySelector('.pnum') || {}).textContent);
      panel.appendChild(tpl.content.cloneNode(true));
      Array.prototype.forEach.call(panel.querySelectorAll('[data-js-only]'), function (el) { el.hidden = false; });
      var close = doc.createElement('button');
      close.type = 'button';
      close.className = 'cite-close';
      close.textContent = 'Close';
      close.addEventListener('click', function () {
        panel.hidden = true;
        button.setAttribute('aria-expanded', 'false');
        button.focus();
      });
      panel.appendChild(close);
      para.after(panel);
      button.setAttribute('aria-controls', panel.id);
      button.setAttribute('aria-expanded', 'true');
      var first = panel.querySelector('.copy-cite');
      if (first) first.focus();
    });
  }

  /* ===== The contents list marks the section being read ===== */

  function initTocCurrent() {
    var links = doc.querySelectorAll('.toc a[href^="#"]');
    if (!links.length || !('IntersectionObserver' in window)) return;
    var byId = {};
    var targets = [];
    Array.prototype.forEach.call(links, function (a) {
      var el = doc.getElementById(a.getAttribute('href').slice(1));
      if (el) { byId[el.id] = a; targets.push(el); }
    });
    var visible = new Set();
    function mark() {
      // The first section (in document order) that is on the screen.
      var current = targets.filter(function (el) { return visible.has(el); })[0];
      if (!current) return;
      Array.prototype.forEach.call(links, function (a) { a.removeAttribute('aria-current'); });
      byId[current.id].setAttribute('aria-current', 'true');
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { if (e.isIntersecting) visible.add(e.target); else visible.delete(e.target); });
      mark();
    }, { rootMargin: '0px 0px -60% 0px' });
    targets.forEach(function (el) { observer.observe(el); });
  }

  /* ===== Search (the index is a script: it loads from file:// too) ===== */

  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  function initSearch() {
    var input = doc.getElementById('search-input');
    var list = doc.getElementById('search-results');
    var count = doc.getElementById('search-count');
    if (!input || !list || !count) return;
    var requested = false;

    function load() {
      if (requested) return;
      requested = true;
      var script = doc.createElement('script');
      script.src = 'search-index.js';
      script.onload = run;
      doc.head.appendChild(script);
    }

    function snippet(text, word) {
      var at = fold(text).indexOf(word);
      if (at < 0) return text.slice(0, 110) + (text.length > 110 ? '…' : '');
      var from = Math.max(0, at - 50);
      return (from > 0 ? '…' : '') + text.slice(from, at + 70) + (at + 70 < text.length ? '…' : '');
    }

    function run() {
      var index = window.EDITION_SEARCH_INDEX;
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      list.replaceChildren();
      if (!index || !words.length) { count.textContent = ''; return; }
      var hits = [];
      index.forEach(function (r) {
        var title = fold(r.title);
        var all = title + ' ' + fold(r.text);
        if (words.every(function (w) { return all.indexOf(w) >= 0; })) {
          hits.push({ r: r, score: words.filter(function (w) { return title.indexOf(w) >= 0; }).length });
        }
      });
      hits.sort(function (a, b) { return b.score - a.score; });
      count.textContent = hits.length === 1 ? '1 result' : hits.length + ' results' + (hits.length > 12 ? ', the first 12 shown' : '');
      hits.slice(0, 12).forEach(function (h) {
        var li = doc.createElement('li');
        var a = doc.createElement('a');
        a.href = h.r.href;
        a.textContent = h.r.title;
        var where = doc.createElement('span');
        where.className = 'search-where';
        where.textContent = h.r.kind + ' · ' + snippet(h.r.text, words[0]);
        li.append(a, where);
        list.appendChild(li);
      });
    }

    input.addEventListener('focus', load);
    input.addEventListener('input', function () { load(); run(); });
  }

  /* ===== Network: a focused or pointed name picks out its lines ===== */

  function initNetwork() {
    var svg = doc.querySelector('svg.network');
    if (!svg) return;
    function pick(node) {
      var id = node ? node.getAttribute('data-node') : null;
      svg.classList.toggle('picking', !!id);
      Array.prototype.forEach.call(svg.querySelectorAll('.edge'), function (edge) {
        edge.classList.toggle('picked', !!id && edge.getAttribute('data-ends').split(' ').indexOf(id) >= 0);
      });
    }
    ['focusin', 'mouseover'].forEach(function (type) {
      svg.addEventListener(type, function (e) { pick(e.target.closest('[data-node]')); });
    });
    ['focusout', 'mouseleave'].forEach(function (type) {
      svg.addEventListener(type, function () { pick(null); });
    });
  }

  /* ===== Keyboard: one tab stop per passage ===== */

  var PASSAGE = '.title-block, .abstract, .keywords, .para, .table-figure, .reference-list > li, .note-list > li';

  function initRoving() {
    var main = doc.querySelector('main');
    var legend = doc.querySelector('.legend');
    if (!main || !legend) return;
    var groups = new Map();
    Array.prototype.forEach.call(main.querySelectorAll('a[data-card]'), function (a) {
      var g = a.closest(PASSAGE);
      if (!g) return;
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(a);
    });

    function rove(on) {
      groups.forEach(function (names) {
        names.forEach(function (a, i) {
          if (on && i > 0) a.setAttribute('tabindex', '-1');
          else a.removeAttribute('tabindex');
        });
      });
    }

    var help = doc.createElement('p');
    help.className = 'legend-help keyboard-help';
    help.textContent = 'Keyboard: Tab goes from passage to passage; ← and → move among the names of a passage, Home and End to its first and last.';
    var toggle = doc.createElement('button');
    toggle.type = 'button';
    toggle.className = 'nav-toggle';
    toggle.setAttribute('aria-pressed', 'false');
    toggle.textContent = 'Tab through every name';
    legend.appendChild(help);
    legend.appendChild(toggle);
    toggle.addEventListener('click', function () {
      var every = toggle.getAttribute('aria-pressed') !== 'true';
      toggle.setAttribute('aria-pressed', every ? 'true' : 'false');
      rove(!every);
    });
    rove(true);

    main.addEventListener('keydown', function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var a = e.target.closest && e.target.closest('a[data-card]');
      var g = a && a.closest(PASSAGE);
      var names = g && groups.get(g);
      if (!names) return;
      var i = names.indexOf(a);
      var j = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: names.length - 1 }[e.key];
      if (j === undefined) return;
      e.preventDefault();
      j = Math.max(0, Math.min(names.length - 1, j));
      if (toggle.getAttribute('aria-pressed') !== 'true') {
        a.setAttribute('tabindex', '-1');
        names[j].removeAttribute('tabindex');
      }
      names[j].focus();
    });
  }

  /* ===== Highlighting by kind ===== */

  function initLegend() {
    var buttons = doc.querySelectorAll('.hl-toggle[data-kind]');
    Array.prototype.forEach.call(buttons, function (b) {
      b.addEventListener('click', function () {
        var on = b.getAttribute('aria-pressed') !== 'true';
        b.setAttribute('aria-pressed', on ? 'true' : 'false');
        doc.body.classList.toggle('hl-' + b.getAttribute('data-kind'), on);
      });
    });
  }

  /* ===== Copying citations ===== */

  function initCopy() {

    // The confirmation goes right under the copied citation, in the flow of
    // the page (it covers nothing), and stays until dismissed or replaced.
    function report(button, text, copied) {
      var status = doc.querySelector('.copy-status');
      Array.prototype.forEach.call(doc.querySelectorAll('.copy-cite.copied'), function (b) {
        b.classList.remove('copied');
      });
      if (copied) button.classList.add('copied');
      if (!status) return;
      var place = button.closest('dd, li, .citation-box') || button.parentNode;
      place.after(status);
      status.hidden = false;
      var message = doc.createElement('span');
      message.textContent = copied ? 'Copied to the clipboard.' : 'Copy this citation (it is selected):';
      var dismiss = doc.createElement('button');
      dismiss.type = 'button';
      dismiss.className = 'copy-dismiss';
      dismiss.textContent = 'Dismiss';
      dismiss.addEventListener('click', function () {
        status.replaceChildren();
        status.hidden = true;
        button.classList.remove('copied');
        button.focus();
      });
      var parts = [message, dismiss];
      if (!copied) {
        var quoted = doc.createElement('span');
        quoted.className = 'copied-text';
        quoted.textContent = text;
        parts.push(quoted);
      }
      status.replaceChildren.apply(status, parts);
      if (!copied) {
        var range = doc.createRange();
        range.selectNodeContents(parts[2]);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
    }

    function legacyCopy(text) {
      var area = doc.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      doc.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = doc.execCommand('copy'); } catch (err) { ok = false; }
      doc.body.removeChild(area);
      return ok;
    }

    doc.addEventListener('click', function (e) {
      var button = e.target.nodeType === 1 ? e.target.closest('.copy-cite[data-copy]') : null;
      if (!button) return;
      var text = button.getAttribute('data-copy');
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(
          function () { report(button, text, true); },
          function () { report(button, text, legacyCopy(text)); });
      } else {
        report(button, text, legacyCopy(text));
      }
    });
  }

  ready(function () {
    Array.prototype.forEach.call(doc.querySelectorAll('[data-js-only]'), function (el) {
      el.hidden = false;
    });
    initCards();
    initLegend();
    initRoving();
    initCitePanels();
    initTocCurrent();
    initSearch();
    initNetwork();
    initCopy();
  });
})();
