// Shows each <time class="ts"> in the viewer's time zone; the server's UTC text stays as its title.
document.querySelectorAll('time.ts[datetime]').forEach(function (t) {
  var d = new Date(t.getAttribute('datetime'));
  if (isNaN(d)) { return; }
  t.title = t.textContent;
  t.textContent = d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
});
