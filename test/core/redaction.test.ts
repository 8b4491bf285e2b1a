import { redactUrl, redactUrlsIn } from "../../lib/core/redaction";

describe("redactUrl", () => {
  test.each([
    ["https://bot:ghp_abc@github.com/o/r.git", "https://github.com/o/r.git"],
    ["https://x-access-token@github.com/o/r.git", "https://github.com/o/r.git"],
    ["ssh://git:pw@host/r.git", "ssh://git@host/r.git"],
    ["https://gitlab.com/o/r.git?private_token=glpat-abc&ref=main", "https://gitlab.com/o/r.git?private_token=***&ref=main"],
    ["https://host/r.git?access_token=ghp_1", "https://host/r.git?access_token=***"],
    ["https://acct.blob.core.windows.net/c/b?sv=2022-11-02&se=2026&sig=abc%2Fdef%3D", "https://acct.blob.core.windows.net/c/b?sv=2022-11-02&se=2026&sig=***"],
    ["https://hooks.example.com/in?token=t0k&Key=k&api_key=a&password=p", "https://hooks.example.com/in?token=***&Key=***&api_key=***&password=***"],
    ["https://s3.amazonaws.com/b/o?X-Amz-Credential=AKIA&X-Amz-Signature=f00", "https://s3.amazonaws.com/b/o?X-Amz-Credential=***&X-Amz-Signature=***"],
    ["https://host/callback#access_token=abc&state=1", "https://host/callback#access_token=***&state=1"],
    ["https://host/r.git?ref=main&depth=1", "https://host/r.git?ref=main&depth=1"],
    ["git@github.com:o/r.git", "git@github.com:o/r.git"],
  ])("%s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  test("redactUrlsIn redacts every URL of a message and leaves the rest", () => {
    expect(redactUrlsIn("fatal: unable to access 'https://bot:t@h/r?access_token=abc': 403; see https://docs/x?page=2")).toBe(
      "fatal: unable to access 'https://h/r?access_token=***': 403; see https://docs/x?page=2",
    );
  });
});
