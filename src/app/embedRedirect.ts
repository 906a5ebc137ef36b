// embed.html is an alias: embed.html#t=2 opens index.html#t=2&embed=1 (the same page in embed mode).
// A file, not inline, so the page runs under script-src 'self'.
location.replace(`index.html${location.hash ? `${location.hash}&embed=1` : '#embed=1'}`);
