"""What the tests and the measuring tools share: a loopback server, Debian's chromium through Playwright,
built HTML read with an HTML5 parser, the live preview as a child process, synthetic handbooks for the
benchmarks, and the search questions typed into a built handbook."""
