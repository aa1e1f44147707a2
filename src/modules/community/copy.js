// The copy button of an article's SNS text: copies the text and says so. Without script, the text
// is still there to select and copy by hand.
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', async () => {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.getAttribute('aria-describedby'));
    if (!field) return;
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      field.select();
      document.execCommand('copy');
    }
    if (status) status.textContent = button.dataset.copied ?? '';
  });
}
