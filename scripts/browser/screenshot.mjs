// Log in to a site and take screenshots of desk routes in Debian's chromium.
//   node screenshot.mjs BASE_URL USER PASSWORD OUT_DIR route [route ...]
// e.g. node screenshot.mjs http://amass.localhost:8000 Administrator admin /tmp/shots app/contact-channel
import { chromium } from "playwright-core";

const [base, user, password, outDir, ...routes] = process.argv.slice(2);
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
	args: [
		"--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
	],
});
try {
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	const login = await page.request.post(`${base}/api/method/login`, { form: { usr: user, pwd: password } });
	if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
	for (const route of routes) {
		await page.goto(`${base}/${route}`, { waitUntil: "networkidle" });
		await page.waitForTimeout(1500);
		const file = `${outDir}/${route.replace(/[^a-z0-9]+/gi, "-")}.png`;
		await page.screenshot({ path: file, fullPage: false });
		console.log(`${route} -> ${file}`);
	}
} finally {
	await browser.close();
}
