import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../chromium';
import { type RunningServer, startServer } from '../start-server';

/** A server process and one Chromium, in which each `newPage` is a separate user (its own context). */
export type BrowserSession = {
  server: RunningServer;
  browser: Browser;
  contexts: BrowserContext[];
  /** Every uncaught page error of every user, also printed as it happens. */
  pageErrors: string[];
  /** Every `console.error` of every page (the app logs failures it did not show), also printed. */
  consoleErrors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
};

export async function openBrowserSession(viewport: {
  width: number;
  height: number;
}): Promise<BrowserSession> {
  const [server, browser] = await Promise.all([startServer(), launchChromium()]);
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  return {
    server,
    browser,
    contexts,
    pageErrors,
    consoleErrors,
    async newPage() {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        pageErrors.push(error.message);
        console.error(`[page error] ${error.message}`);
      });
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // A failed request is logged without its address; the location says which one it was.
        const where = message.location().url;
        const text = where ? `${message.text()} (${where})` : message.text();
        consoleErrors.push(text);
        console.error(`[console error] ${text}`);
      });
      return page;
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await server.stop();
    },
  };
}
