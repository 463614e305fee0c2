// The fake SMS gateway the portal's browser tests run: a real HTTP server on 127.0.0.1 that SMS Settings
// send to (tests/browser_setup.py points them here; the served site's real worker sends). Answers 200 to
// anything and records the message and receiver, whether sent as a GET's query, a POST form or JSON.
import assert from "node:assert/strict";
import { createServer } from "node:http";

// SMS Settings as the setup sets them (tests/sms_gateway.py's FakeGateway.use()): text and to.
const MESSAGE_PARAMETER = "text";
const RECEIVER_PARAMETER = "to";
const CODE_WAIT_MS = 30000;

export const sms = []; // every message the fake gateway was given: { at, to, text, params }

export function startGateway(port) {
	const server = createServer((request, response) => {
		let body = "";
		request.setEncoding("utf8");
		request.on("data", (chunk) => { body += chunk; });
		request.on("end", () => {
			const params = Object.fromEntries(new URL(request.url, "http://127.0.0.1").searchParams);
			if (body) {
				const json = (request.headers["content-type"] || "").includes("json");
				try {
					Object.assign(params, json ? JSON.parse(body) : Object.fromEntries(new URLSearchParams(body)));
				} catch {
					params._body = body;
				}
			}
			sms.push({ at: Date.now(), to: String(params[RECEIVER_PARAMETER] ?? ""), text: String(params[MESSAGE_PARAMETER] ?? ""), params });
			response.writeHead(200, { "Content-Type": "text/plain" });
			response.end("ok");
		});
	});
	return new Promise((resolve, reject) => {
		server.once("error", reject);
		server.listen(port, "127.0.0.1", () => resolve(server));
	});
}

const digits = (value) => String(value || "").replace(/\D/g, "");
const sameMobile = (a, b) => digits(a).length >= 9 && digits(a).slice(-9) === digits(b).slice(-9);

// The 6-digit code in the last message the gateway got for this mobile since `since` (ms).
export async function codeSentTo(mobile, since) {
	const deadline = Date.now() + CODE_WAIT_MS;
	while (Date.now() < deadline) {
		const message = sms.filter((m) => m.at >= since && sameMobile(m.to, mobile)).at(-1);
		const code = message?.text.match(/(?<!\d)(\d{6})(?!\d)/)?.[1];
		if (code) return { code, message };
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	assert.fail(
		`no code reached the fake gateway for ${mobile} within ${CODE_WAIT_MS / 1000} s ` +
			`(it received ${sms.length} message(s): ${JSON.stringify(sms.map((m) => m.to))})`,
	);
}
