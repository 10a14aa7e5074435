// The plan board in the browser: filters apply on change, the print button prints, and an open
// board that shows the present follows the plan's progress changes (server-sent events, with the
// session cookie) and redraws itself without a reload.
(function () {
  'use strict';

  function onReady(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }

  onReady(function () {
    var filters = document.getElementById('filters');
    if (filters) {
      filters.addEventListener('change', function () { filters.submit(); });
    }
    var print = document.getElementById('print');
    if (print) {
      print.addEventListener('click', function () { window.print(); });
    }
    var board = document.getElementById('board');
    if (!board || board.dataset.live !== 'true' || !window.EventSource) {
      return;
    }
    follow(board);
  });

  function follow(board) {
    var live = document.getElementById('live');
    var only = board.dataset.indicator;
    var pending = null;
    var source = new EventSource('/board/events?plan=' + encodeURIComponent(board.dataset.plan));
    source.addEventListener('open', function () { if (live) { live.hidden = false; } });
    source.addEventListener('error', function () {
      if (live) { live.hidden = true; }
      // a refused stream (401: the session is gone) is not retried by the browser: look every 15 s whether this
      // page is signed in again (in another tab, or by reloading) and follow the changes again from then on
      if (source.readyState === EventSource.CLOSED) { awaitSignIn(board); }
    });
    source.addEventListener('progress', function (event) {
      var change;
      try { change = JSON.parse(event.data); } catch (e) { return; }
      if (only && change.indicatorId !== only) { return; }
      if (pending) { clearTimeout(pending); }
      pending = setTimeout(function () { pending = null; redraw(board, live); }, 400);
    });
  }

  function awaitSignIn(board) {
    setTimeout(function () {
      fetch(window.location.href, { credentials: 'same-origin', redirect: 'manual', headers: { 'Accept': 'text/html' } })
        .then(function (response) { if (response.ok) { follow(board); } else { awaitSignIn(board); } })
        .catch(function () { awaitSignIn(board); });
    }, 15000);
  }

  // Fetches the same page and swaps in its board, marking the indicators whose status changed.
  function redraw(board, live) {
    var before = {};
    board.querySelectorAll('[data-id]').forEach(function (el) { before[el.dataset.id] = el.dataset.status; });
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var next = page.getElementById('board');
        if (!next) { return; }
        board.innerHTML = next.innerHTML;
        board.querySelectorAll('[data-id]').forEach(function (el) {
          if (before[el.dataset.id] !== undefined && before[el.dataset.id] !== el.dataset.status) {
            el.classList.add('changed');
          }
        });
        var status = document.getElementById('status');
        var fresh = page.getElementById('status');
        if (status && fresh) { status.outerHTML = fresh.outerHTML; }
        document.body.dataset.updated = String(Date.now());
        if (live) {
          live.classList.add('flash');
          setTimeout(function () { live.classList.remove('flash'); }, 1500);
        }
      })
      .catch(function () { /* the next change tries again */ });
  }
}());
