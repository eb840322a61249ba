/* registers.js: re-orders a register (persons, places, organisations) by
   name or by number of mentions. The page is ordered by name without it;
   each entry and each line of the A–Z list carries its place in the order
   by mentions (data-order-mentions), computed by the build, so sorting
   here is only moving elements. */
(function () {
  'use strict';
  var control = document.querySelector('[data-register-sort]');
  if (!control) { return; }
  var select = control.querySelector('select');
  var status = control.querySelector('[role="status"]');
  var lists = [document.querySelector('.entries'), document.querySelector('.entry-index ul')]
    .filter(function (list) { return list; });
  var nav = document.querySelector('.entry-index');
  var navLabel = nav ? nav.getAttribute('aria-label') : '';
  // The order by name is the order of the page as built.
  lists.forEach(function (list) {
    Array.prototype.forEach.call(list.children, function (child, i) { child.dataset.orderName = String(i); });
  });

  function order(by) {
    var key = by === 'mentions' ? 'orderMentions' : 'orderName';
    lists.forEach(function (list) {
      Array.prototype.slice.call(list.children)
        .sort(function (a, b) { return Number(a.dataset[key]) - Number(b.dataset[key]); })
        .forEach(function (child) { list.appendChild(child); });
    });
    if (nav) {
      nav.setAttribute('aria-label', by === 'mentions' ? navLabel.replace(/ A–Z$/, '') + ', most mentioned first' : navLabel);
    }
    status.textContent = by === 'mentions'
      ? 'Ordered by number of mentions in the article, most first.'
      : 'Ordered by name.';
  }

  select.addEventListener('change', function () { order(select.value); });
  control.hidden = false;
  if (select.value !== 'name') { order(select.value); }
})();
