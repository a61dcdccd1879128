// The end-to-end suite's servers, in one Node process (started by tests/e2e/main.rs):
//
//   - "generic": a real authorization server (oidc-provider) at its default routes (/token, /jwks),
//     issuing RFC 9068 JWT access tokens (typ at+jwt) for the API named by `resource=` or
//     `audience=`, and an opaque token when the request names none; clients for
//     client_secret_post and client_secret_basic.
//   - "auth0": a second oidc-provider shaped like an Auth0 tenant: issuer with a trailing slash,
//     token at <issuer>oauth/token, JWKS at <issuer>.well-known/jwks.json, Auth0's `audience=`
//     accepted like `resource=`, tokens with typ JWT, sub <client_id>@clients, gty and azp, and
//     without an audience Auth0's opaque `header..iv.ciphertext.tag` token.
//   - "nocors": a third oidc-provider whose answers carry no CORS headers: curl gets its token
//     and JWKS, a browser is refused (the paste-the-keys fallback).
//   - fixture issuers whose token endpoint works but whose every GET (discovery, keys) answers
//     404 ("notfound"), an HTML page ("html"), or never ("slow"); "stopped" is a port nobody
//     listens on (its token was issued before it went down).
//   - "static": the release dist/ under a sub-path with the documented Content-Security-Policy,
//     plus a generated host page built from the documented host snippet.
//   - "keyhosts": one https server (a self-signed certificate made with openssl) that answers for
//     real providers' host names, which the browser maps to it (--host-resolver-rules): Entra ID's
//     login.microsoftonline.com (v1 tokens name sts.windows.net), Amazon Cognito's user pool domain
//     and cognito-idp host, and an issuer on a host of its own (issuer.example.net) for a token
//     endpoint on another (login.example.org). Their tokens are minted here.
//
// Everything listens on 127.0.0.1 on ports the system picks. When all is ready, ONE JSON line
// goes to stdout with the URLs, clients and secrets; then it serves until killed. Logs go to
// stderr. Usage: node tests/e2e/server.mjs <dist dir> <README.md>

import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync, statSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

import Provider, { errors } from 'oidc-provider';

const [distDir = 'dist', readmePath = 'README.md'] = process.argv.slice(2);
const SUB_PATH = '/lessons/cc/';
// The API (resource server): RFC 8707 resource indicator on the generic issuer, Auth0 audience on
// the Auth0-like one.
const API = 'https://api.oauth-school.test/';
const API_SCOPE = 'read:messages write:messages';
// A claim value that must render as text: if it ever runs, window.__pwned is set.
const HOSTILE = '<img src=x onerror="window.__pwned=\'claim\'"><script>window.__pwned=\'claim-script\'</script>';

const log = (...a) => console.error('[e2e-server]', ...a);

// ---------------------------------------------------------------- helpers

/** Listens on 127.0.0.1:0 and resolves to the port. */
function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

/** A fresh RSA signing key as a private JWK. */
function signingKey(kid) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
}

/** A secret like Auth0's: 64 characters of base64url. */
const auth0Secret = () => randomBytes(48).toString('base64url');

const clientDefaults = {
  grant_types: ['client_credentials'],
  response_types: [],
  redirect_uris: [],
};

/**
 * Auth0's `audience=` is its name for RFC 8707's `resource=`. When a request names no resource,
 * its `audience` form field is used as the resource: the same effect as a middleware rewriting the
 * form body, without replacing the request stream that oidc-provider parses.
 */
async function audienceAsResource(ctx, client, oneOf) {
  if (oneOf) return oneOf;
  const audience = ctx.oidc.body?.audience;
  return typeof audience === 'string' && audience ? audience : undefined;
}

function resourceIndicators(defaultResource) {
  return {
    enabled: true,
    defaultResource,
    useGrantedResource: async () => true,
    getResourceServerInfo: async (ctx, resource) => {
      if (resource !== API) throw new errors.InvalidTarget(`unknown resource ${resource}`);
      return {
        scope: API_SCOPE,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 3600,
        jwt: { sign: { alg: 'RS256' } },
      };
    },
  };
}

/**
 * A small in-memory store (oidc-provider's own one prints a "development only" warning): tokens
 * live as long as this process, which is all a test run needs. One Map per provider.
 */
function memoryAdapter() {
  const store = new Map();
  return class MemoryAdapter {
    constructor(model) {
      this.model = model;
    }

    key(id) {
      return `${this.model}:${id}`;
    }

    async upsert(id, payload) {
      store.set(this.key(id), payload);
    }

    async find(id) {
      return store.get(this.key(id));
    }

    async findByUid(uid) {
      return [...store.values()].find((p) => p.uid === uid);
    }

    async findByUserCode(userCode) {
      return [...store.values()].find((p) => p.userCode === userCode);
    }

    async consume(id) {
      const p = store.get(this.key(id));
      if (p) p.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id) {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId) {
      for (const [k, p] of store) if (p.grantId === grantId) store.delete(k);
    }
  };
}

function commonConfig() {
  return {
    adapter: memoryAdapter(),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
    },
    // Only what client credentials needs; no cookies matter here.
    cookies: { keys: [randomBytes(16).toString('hex')] },
    ttl: { ClientCredentials: 3600 },
  };
}

/** Strips every CORS header from a provider's answers (the browser is refused, curl is not). */
function refuseCors(provider) {
  provider.use(async (ctx, next) => {
    await next();
    for (const h of Object.keys(ctx.response.headers)) {
      if (h.toLowerCase().startsWith('access-control-')) ctx.remove(h);
    }
  });
}

// ---------------------------------------------------------------- ports first

const servers = {
  generic: http.createServer(),
  auth0: http.createServer(),
  nocors: http.createServer(),
  notfound: http.createServer(),
  html: http.createServer(),
  slow: http.createServer(),
  static: http.createServer(),
  // dist/ again, on another origin, sending Access-Control-Allow-Origin: * like a CDN.
  cdn: http.createServer(),
};
const ports = {};
for (const [name, server] of Object.entries(servers)) ports[name] = await listen(server);
{
  // A port that answered once and then stopped: connection refused.
  const s = http.createServer();
  ports.stopped = await listen(s);
  await new Promise((r) => s.close(r));
}
const origin = (name) => `http://127.0.0.1:${ports[name]}`;

// ---------------------------------------------------------------- the generic RFC 9068 issuer

const generic = {
  issuer: origin('generic'),
  post: { client_id: 'e2e-post-client', client_secret: `p0st-${randomBytes(12).toString('base64url')}` },
  // Characters that a shell or a form encoding would corrupt if quoted or encoded wrongly.
  basic: { client_id: 'e2e-basic-client', client_secret: `b4sic+&%=:/'"!$ ${randomBytes(6).toString('hex')}` },
  hostile: { client_id: 'e2e-hostile-client', client_secret: `h0stile-${randomBytes(12).toString('base64url')}` },
};
const genericProvider = new Provider(generic.issuer, {
  ...commonConfig(),
  clients: [
    { ...clientDefaults, ...generic.post, token_endpoint_auth_method: 'client_secret_post' },
    { ...clientDefaults, ...generic.basic, token_endpoint_auth_method: 'client_secret_basic' },
    { ...clientDefaults, ...generic.hostile, token_endpoint_auth_method: 'client_secret_post' },
  ],
  jwks: { keys: [signingKey(`generic-${randomBytes(4).toString('hex')}`)] },
  features: {
    ...commonConfig().features,
    // The widget's command names the API with `audience=` for every provider, so this issuer
    // takes it like `resource=` too; with neither, an opaque token comes back.
    resourceIndicators: resourceIndicators(audienceAsResource),
  },
  formats: {
    customizers: {
      async jwt(ctx, token, jwt) {
        if (jwt.payload.client_id === generic.hostile.client_id) jwt.payload.name = HOSTILE;
      },
    },
  },
});

// ---------------------------------------------------------------- the Auth0-shaped issuer

const auth0 = {
  issuer: `${origin('auth0')}/`,
  client: { client_id: 'Auth0LikeClientId7Qx2Lr9Vb3Nm5Kp8', client_secret: auth0Secret() },
};
const auth0Provider = new Provider(auth0.issuer, {
  ...commonConfig(),
  routes: { token: '/oauth/token', jwks: '/.well-known/jwks.json' },
  clients: [{ ...clientDefaults, ...auth0.client, token_endpoint_auth_method: 'client_secret_post' }],
  jwks: { keys: [signingKey(`auth0-${randomBytes(6).toString('base64url')}`)] },
  features: {
    ...commonConfig().features,
    resourceIndicators: resourceIndicators(audienceAsResource),
  },
  formats: {
    customizers: {
      // Auth0's classic access token: typ JWT, sub <client_id>@clients, gty, azp; no client_id, no jti.
      async jwt(ctx, token, jwt) {
        const id = jwt.payload.client_id;
        jwt.header = { typ: 'JWT' };
        jwt.payload.sub = `${id}@clients`;
        jwt.payload.azp = id;
        jwt.payload.gty = 'client-credentials';
        delete jwt.payload.client_id;
        delete jwt.payload.jti;
      },
    },
  },
});

// Without an audience Auth0 answers with an opaque token of its own shape: an encrypted JWT (JWE)
// with an empty second part, `header..iv.ciphertext.tag`. oidc-provider's opaque tokens have no
// dots, so the Auth0-like issuer rewrites them into that shape.
function auth0OpaqueToken() {
  const header = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM', iss: auth0.issuer })).toString('base64url');
  const part = (n) => randomBytes(n).toString('base64url');
  return `${header}..${part(12)}.${part(96)}.${part(16)}`;
}
auth0Provider.use(async (ctx, next) => {
  await next();
  const token = ctx.body?.access_token;
  if (ctx.path === '/oauth/token' && typeof token === 'string' && !token.includes('.')) {
    ctx.body = { ...ctx.body, access_token: auth0OpaqueToken() };
  }
});

// ---------------------------------------------------------------- the CORS-refusing issuer

const nocors = {
  issuer: origin('nocors'),
  client: { client_id: 'e2e-nocors-client', client_secret: `n0cors-${randomBytes(12).toString('base64url')}` },
};
const nocorsProvider = new Provider(nocors.issuer, {
  ...commonConfig(),
  clients: [{ ...clientDefaults, ...nocors.client, token_endpoint_auth_method: 'client_secret_post' }],
  jwks: { keys: [signingKey(`nocors-${randomBytes(4).toString('hex')}`)] },
  features: { ...commonConfig().features, resourceIndicators: resourceIndicators(audienceAsResource) },
});
refuseCors(nocorsProvider);

for (const [name, p] of [['generic', genericProvider], ['auth0', auth0Provider], ['nocors', nocorsProvider]]) {
  p.on('server_error', (ctx, err) => log(name, 'server_error', err));
  servers[name].on('request', p.callback());
}

// ---------------------------------------------------------------- fixtures for failed key fetches

// Each fixture is an issuer at http://127.0.0.1:PORT/ whose token endpoint (POST /oauth/token)
// works — it signs a real RS256 token with a key of its own — while every GET (discovery, keys)
// fails its own way. The widget fetches keys only from the host the learner typed, so the token's
// issuer must be the fixture itself.
const fixtureKey = signingKey(`fixture-${randomBytes(4).toString('hex')}`);
const fixturePrivate = createPrivateKey({ key: fixtureKey, format: 'jwk' });

function mintResponse(issuer, clientId) {
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'at+jwt', kid: fixtureKey.kid };
  const claims = {
    iss: issuer, sub: clientId, client_id: clientId, aud: API, iat: now, exp: now + 3600,
    jti: randomBytes(8).toString('hex'),
  };
  const input = `${enc(header)}.${enc(claims)}`;
  const signature = sign('sha256', Buffer.from(input), fixturePrivate).toString('base64url');
  return JSON.stringify({ access_token: `${input}.${signature}`, expires_in: 3600, token_type: 'Bearer' });
}

function fixture(name, failGet) {
  servers[name].on('request', (req, res) => {
    if (req.method === 'POST' && req.url === '/oauth/token') {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        const clientId = new URLSearchParams(body).get('client_id') || 'fixture-client';
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(mintResponse(`${origin(name)}/`, clientId));
      });
      return;
    }
    failGet(req, res);
  });
}
fixture('notfound', (req, res) => {
  res.writeHead(404, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
  res.end('{"error":"not_found"}');
});
fixture('html', (req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'access-control-allow-origin': '*' });
  res.end('<!doctype html><html><head><title>Welcome</title></head><body><h1>Welcome to our site</h1></body></html>');
});
// Never answers a GET: the widget's own timeout must end the wait. Sockets are closed on exit.
const slowSockets = new Set();
fixture('slow', (req, res) => {
  slowSockets.add(res);
  res.on('close', () => slowSockets.delete(res));
});

// ---------------------------------------------------------------- keys on another host

const KEY_HOSTS = {
  entra: 'login.microsoftonline.com',
  cognitoDomain: 'my-lesson.auth.eu-west-1.amazoncognito.com',
  cognitoIdp: 'cognito-idp.eu-west-1.amazonaws.com',
  otherIssuer: 'issuer.example.net',
  otherEndpoint: 'login.example.org',
};

/** A certificate for every key host, made by openssl (the browser is told to accept it). */
function selfSigned() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'occ-e2e-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const names = Object.values(KEY_HOSTS).map((h) => `DNS:${h}`).join(',');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '2', '-subj', '/CN=oauth-cc e2e', '-addext', `subjectAltName=${names}`], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

const ENTRA_TENANT = '8f3c2d1e-5b6a-4c7d-9e8f-0a1b2c3d4e5f';
const ENTRA_CLIENT = '2b7e8c41-9d3f-4a6b-8c1e-5f0a9b2d7e63';
const COGNITO_POOL = 'eu-west-1_Ab12CdEfG';
const COGNITO_CLIENT = '5k2m8n3p9q4r7s1t6u0v2w4x8y';
const COGNITO_ISSUER = `https://${KEY_HOSTS.cognitoIdp}/${COGNITO_POOL}`;
const OTHER_ISSUER = `https://${KEY_HOSTS.otherIssuer}/`;
const keyHostKeys = {
  entra: signingKey(`entra-${randomBytes(4).toString('hex')}`),
  cognito: signingKey(`cognito+${randomBytes(4).toString('base64')}`),
  other: signingKey(`other-${randomBytes(4).toString('hex')}`),
};
/** The public half as the provider publishes it (Entra's keys have no `alg`). */
function publicJwk(k, withAlg = true) {
  const { kty, n, e, kid } = k;
  return withAlg ? { kty, n, e, kid, use: 'sig', alg: 'RS256' } : { kty, n, e, kid, use: 'sig', x5t: kid };
}

function mintJwt(k, header, claims) {
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${enc({ alg: 'RS256', kid: k.kid, ...header })}.${enc(claims)}`;
  const key = createPrivateKey({ key: k, format: 'jwk' });
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

function keyHostResponses() {
  const now = Math.floor(Date.now() / 1000);
  const entraIss = `https://sts.windows.net/${ENTRA_TENANT}/`;
  const entra = mintJwt(keyHostKeys.entra, { typ: 'JWT', x5t: keyHostKeys.entra.kid }, {
    aud: API, iss: entraIss, iat: now - 300, nbf: now - 300, exp: now + 3600, aio: 'E2ZgYGi',
    appid: ENTRA_CLIENT, appidacr: '1', idp: entraIss, idtyp: 'app', oid: '6e1f0c2d-aaaa-bbbb-cccc-123456789abc',
    roles: ['Messages.Read'], sub: '6e1f0c2d-aaaa-bbbb-cccc-123456789abc', tid: ENTRA_TENANT, ver: '1.0',
  });
  const cognito = mintJwt(keyHostKeys.cognito, {}, {
    sub: COGNITO_CLIENT, token_use: 'access', scope: `${API}read`, auth_time: now, iss: COGNITO_ISSUER,
    exp: now + 3600, iat: now, version: 2, jti: randomBytes(8).toString('hex'), client_id: COGNITO_CLIENT,
  });
  const other = mintJwt(keyHostKeys.other, { typ: 'at+jwt' }, {
    iss: OTHER_ISSUER, sub: 'lesson-client', client_id: 'lesson-client', aud: API, iat: now, exp: now + 3600,
    jti: randomBytes(8).toString('hex'),
  });
  return {
    entra: JSON.stringify({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: entra }),
    cognito: JSON.stringify({ access_token: cognito, expires_in: 3600, token_type: 'Bearer' }),
    other: JSON.stringify({ access_token: other, expires_in: 3600, token_type: 'Bearer' }),
  };
}

/** Every document the key hosts serve, by host and path. */
const keyHostDocs = {
  [KEY_HOSTS.entra]: {
    [`/${ENTRA_TENANT}/.well-known/openid-configuration`]: {
      token_endpoint: `https://${KEY_HOSTS.entra}/${ENTRA_TENANT}/oauth2/token`,
      issuer: `https://sts.windows.net/${ENTRA_TENANT}/`,
      jwks_uri: `https://${KEY_HOSTS.entra}/common/discovery/keys`,
    },
    [`/${ENTRA_TENANT}/v2.0/.well-known/openid-configuration`]: {
      token_endpoint: `https://${KEY_HOSTS.entra}/${ENTRA_TENANT}/oauth2/v2.0/token`,
      issuer: `https://${KEY_HOSTS.entra}/${ENTRA_TENANT}/v2.0`,
      jwks_uri: `https://${KEY_HOSTS.entra}/${ENTRA_TENANT}/discovery/v2.0/keys`,
    },
    '/common/discovery/keys': { keys: [publicJwk(keyHostKeys.entra, false)] },
    [`/${ENTRA_TENANT}/discovery/v2.0/keys`]: { keys: [publicJwk(keyHostKeys.entra, false)] },
  },
  [KEY_HOSTS.cognitoIdp]: {
    [`/${COGNITO_POOL}/.well-known/openid-configuration`]: {
      issuer: COGNITO_ISSUER,
      jwks_uri: `${COGNITO_ISSUER}/.well-known/jwks.json`,
    },
    [`/${COGNITO_POOL}/.well-known/jwks.json`]: { keys: [publicJwk(keyHostKeys.cognito)] },
  },
  [KEY_HOSTS.otherIssuer]: {
    '/.well-known/openid-configuration': { issuer: OTHER_ISSUER, jwks_uri: `${OTHER_ISSUER}jwks` },
    '/jwks': { keys: [publicJwk(keyHostKeys.other)] },
  },
};
/** The key hosts' requests, `host path`, for the tests to ask which were made. */
const keyHostHits = [];
const tls = selfSigned();
const keyHostServer = https.createServer(tls, (req, res) => {
  const host = (req.headers.host || '').replace(/:\d+$/, '');
  const url = (req.url || '').split('?')[0];
  keyHostHits.push(`${host} ${url}`);
  const doc = keyHostDocs[host]?.[url];
  const headers = { 'content-type': 'application/json', 'access-control-allow-origin': '*' };
  res.writeHead(doc ? 200 : 404, headers);
  res.end(JSON.stringify(doc || { error: 'not_found' }));
});
const keyHostPort = await listen(keyHostServer);
servers.keyhosts = keyHostServer;
const keyHostOrigins = [KEY_HOSTS.entra, KEY_HOSTS.cognitoIdp, KEY_HOSTS.otherIssuer, KEY_HOSTS.otherEndpoint]
  .map((h) => `https://${h}`);

// ---------------------------------------------------------------- the static site

if (!existsSync(path.join(distDir, 'index.html'))) {
  log(`no ${distDir}/index.html: build the site first (trunk build --release)`);
  process.exit(2);
}

const issuerOrigins = ['generic', 'auth0', 'nocors', 'notfound', 'html', 'slow', 'stopped'].map(origin);
// The policy documented in issue 6 / the README: nothing inline, wasm allowed, network only to self
// and the issuers.
const CSP = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${issuerOrigins.join(' ')} ${keyHostOrigins.join(' ')}`;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The stylesheet links and module scripts of an HTML fragment, as written (tags may span lines). */
function assetTags(html) {
  return [
    ...html.matchAll(/<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/g),
    ...html.matchAll(/<script\b[^>]*\bsrc=[^>]*>\s*<\/script>/g),
  ].map((m) => m[0]);
}

/**
 * The host snippet: as documented in the README (a fenced html block that embeds the widget), or,
 * while the README has none, the stylesheet and module-script tags of dist/index.html.
 */
function hostSnippet() {
  if (existsSync(readmePath)) {
    const readme = readFileSync(readmePath, 'utf8');
    for (const m of readme.matchAll(/```html\r?\n([\s\S]*?)```/g)) {
      const block = m[1];
      if (block.includes('data-oauth-cc-widget') && /<script\b[^>]*type=["']?module/.test(block)) {
        const tags = assetTags(block);
        if (tags.length) return { source: 'README.md', tags };
        log('README.md has an embed snippet without stylesheet or script tags: using dist/index.html');
      }
    }
  }
  const index = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  return { source: 'dist/index.html', tags: assetTags(index) };
}
const snippet = hostSnippet();
const hostPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lesson host page (e2e)</title>
${snippet.tags.join('\n')}
</head>
<body>
<main>
<h1>A lesson page with two exercises</h1>
<section aria-label="First exercise">
<div data-oauth-cc-widget id="widget-a" data-token-endpoint="${auth0.issuer}oauth/token" data-audience="${API}" data-client-id="${auth0.client.client_id}" data-shell="bash" data-storage-namespace="lesson-a" data-made-up-option="ignored please"></div>
</section>
<section aria-label="Second exercise">
<div data-oauth-cc-widget id="widget-b" data-token-endpoint="${generic.issuer}/token" data-shell="cmd" data-instructions="false" data-storage-namespace="lesson-b" data-unknown="42"></div>
</section>
</main>
</body>
</html>
`;

servers.static.on('request', (req, res) => {
  const url = new URL(req.url, origin('static'));
  const headers = {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end();
    return;
  }
  if (url.pathname === '/__e2e/explainer') {
    explainerMode = url.searchParams.get('mode') || 'normal';
    log(`explainer mode: ${explainerMode}`);
    res.writeHead(200, { ...headers, 'content-type': 'text/plain' }).end(`explainer mode ${explainerMode}`);
    return;
  }
  if (url.pathname === '/__e2e/keyhosts-hits') {
    res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(keyHostHits));
    return;
  }
  if (url.pathname === `${OTHER_FOLDER}host.html`) {
    res.writeHead(200, { ...headers, 'content-type': MIME['.html'] }).end(otherFolderPage);
    return;
  }
  if (url.pathname === '/lessons/cdn-host.html') {
    res.writeHead(200, { ...headers, 'content-security-policy': CDN_HOST_CSP, 'content-type': MIME['.html'] }).end(cdnPage);
    return;
  }
  if (url.pathname === SUB_PATH.slice(0, -1)) {
    res.writeHead(301, { ...headers, location: SUB_PATH }).end();
    return;
  }
  if (!url.pathname.startsWith(SUB_PATH)) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not under the sub-path');
    return;
  }
  let rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length)) || 'index.html';
  if (rel === 'host.html') {
    res.writeHead(200, { ...headers, 'content-type': MIME['.html'] }).end(hostPage);
    return;
  }
  if (rel === 'lesson.html' || rel === 'lesson-bootstrap.html') {
    const page = lessonPage(rel === 'lesson-bootstrap.html', url.searchParams.get('bs'), url.searchParams.get('theme'));
    res.writeHead(200, { ...headers, 'content-type': MIME['.html'] }).end(page);
    return;
  }
  if (rel === 'lesson.css') {
    res.writeHead(200, { ...headers, 'content-type': MIME['.css'] }).end(LESSON_CSS);
    return;
  }
  if (rel === 'bootstrap.min.css') {
    res.writeHead(200, { ...headers, 'content-type': MIME['.css'] }).end(readFileSync(BOOTSTRAP_CSS));
    return;
  }
  serveDist(req, res, rel, headers);
});

// The explainer's files can be made slow or missing (GET /__e2e/explainer?mode=…): `slow` holds
// its WebAssembly back for EXPLAINER_DELAY_MS, `no-worker` answers 404 for the worker's script,
// `none` for the worker's script and the glue the page would load instead; `normal` undoes it.
let explainerMode = 'normal';
const EXPLAINER_DELAY_MS = 2500;
function explainerFault(rel) {
  if (explainerMode === 'slow' && rel === 'oauth-cc-explainer_bg.wasm') return 'slow';
  if ((explainerMode === 'no-worker' || explainerMode === 'none') && rel === 'explainer-boot.js') return 'missing';
  if (explainerMode === 'none' && rel === 'oauth-cc-explainer.js') return 'missing';
  return null;
}

/** Serves a file of dist/ (after the explainer's faults), with `headers`. */
function serveDist(req, res, rel, headers) {
  const file = path.resolve(distDir, rel);
  if (!file.startsWith(path.resolve(distDir) + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const fault = explainerFault(rel);
  if (fault === 'missing') {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found (e2e fault)');
    return;
  }
  const send = () => {
    const type = MIME[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { ...headers, 'content-type': type });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  };
  if (fault === 'slow') setTimeout(send, EXPLAINER_DELAY_MS);
  else send();
}

/** A host page with one widget and the given asset tags, their addresses rewritten by `url`. */
function hostPageWith(title, assetTagList, url) {
  // (Quoted or not: the release build's index.html is minified.)
  const tags = assetTagList.map((t) => t.replace(/\b(href|src)=(?:(["'])([^"']+)\2|([^\s"'>]+))/g,
    (m, attr, q, quoted, bare) => `${attr}="${url(quoted ?? bare)}"`));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${tags.join('\n')}
</head>
<body>
<main>
<h1>${title}</h1>
<div data-oauth-cc-widget id="widget-x" data-token-endpoint="${auth0.issuer}oauth/token" data-audience="${API}" data-client-id="${auth0.client.client_id}" data-shell="bash" data-storage-namespace="lesson-x"></div>
</main>
</body>
</html>
`;
}

// Issue 17: a lesson page with Bootstrap 5.3's stylesheet (from the npm package) beside the same
// page without it, in the widget's folder (its files at ./). Bootstrap comes AFTER the widget's
// stylesheets, the harder order. `?bs=dark` sets Bootstrap's data-bs-theme="dark" on <html>;
// `?theme=` sets the widget's data-theme. Both pages share host.css (no body margin, a centred
// column), so the widget gets the same width in both.
const BOOTSTRAP_CSS = path.join('node_modules', 'bootstrap', 'dist', 'css', 'bootstrap.min.css');
const LESSON_CSS = `body { margin: 0; }
.lesson { box-sizing: border-box; max-width: 744px; margin: 0 auto; padding: 0 12px 48px; }
`;
function lessonPage(bootstrap, bsTheme, theme) {
  const html = bsTheme ? ` data-bs-theme="${bsTheme}"` : '';
  const widgetTheme = theme ? ` data-theme="${theme}"` : '';
  return `<!doctype html>
<html lang="en"${html}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Client credentials · a lesson${bootstrap ? ' (Bootstrap)' : ''}</title>
${snippet.tags.join('\n')}
<link rel="stylesheet" href="lesson.css">
${bootstrap ? '<link rel="stylesheet" href="bootstrap.min.css">' : ''}
</head>
<body>
<main class="lesson">
<h1>Lesson 4: service apps</h1>
<h2>Client Credentials Flow for Service Apps</h2>
<p>Create a Machine-to-Machine application, request a token, and check it below.</p>
<div data-oauth-cc-widget id="widget-bs" data-instructions="hide" data-heading-level="2"${widgetTheme} data-token-endpoint="${auth0.issuer}oauth/token" data-audience="${API}" data-client-id="${auth0.client.client_id}" data-shell="bash" data-storage-namespace="lesson-bs"></div>
</main>
</body>
</html>
`;
}

// A host page in another folder of the same site: the widget's files are at ../cc/.
const OTHER_FOLDER = '/lessons/other/';
const otherFolderPage = hostPageWith('A lesson in another folder (e2e)', snippet.tags, (v) => `../cc/${v.replace(/^\.\//, '')}`);
// A host page that copies the built index.html's tags (stylesheets with Subresource Integrity)
// with the widget's files on another origin (the "cdn" server).
const cdnBase = `${origin('cdn')}${SUB_PATH}`;
const indexTags = assetTags(readFileSync(path.join(distDir, 'index.html'), 'utf8'));
const cdnPage = hostPageWith('A lesson with the widget on a CDN (e2e)', indexTags, (v) => cdnBase + v.replace(/^\.\//, ''));
// Its policy names the CDN for scripts, styles and the WebAssembly fetch, as such a host must.
const CDN_HOST_CSP = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${origin('cdn')}; style-src 'self' ${origin('cdn')}; connect-src 'self' ${origin('cdn')} ${issuerOrigins.join(' ')}`;

servers.cdn.on('request', (req, res) => {
  const url = new URL(req.url, origin('cdn'));
  const headers = {
    'content-security-policy': CSP,
    'access-control-allow-origin': '*',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
  if (!url.pathname.startsWith(SUB_PATH)) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not under the sub-path');
    return;
  }
  serveDist(req, res, decodeURIComponent(url.pathname.slice(SUB_PATH.length)), headers);
});

// ---------------------------------------------------------------- ready

const ready = {
  api: API,
  apiScope: API_SCOPE,
  hostile: HOSTILE,
  csp: CSP,
  site: `${origin('static')}${SUB_PATH}`,
  hostPage: `${origin('static')}${SUB_PATH}host.html`,
  lessonPage: `${origin('static')}${SUB_PATH}lesson.html`,
  bootstrapPage: `${origin('static')}${SUB_PATH}lesson-bootstrap.html`,
  otherFolderPage: `${origin('static')}${OTHER_FOLDER}host.html`,
  cdnHostPage: `${origin('static')}/lessons/cdn-host.html`,
  explainerToggle: `${origin('static')}/__e2e/explainer`,
  cdnSite: cdnBase,
  explainerDelayMs: EXPLAINER_DELAY_MS,
  snippetSource: snippet.source,
  snippetTags: snippet.tags,
  generic: {
    issuer: generic.issuer,
    tokenEndpoint: `${generic.issuer}/token`,
    jwksUri: `${generic.issuer}/jwks`,
    post: generic.post,
    basic: generic.basic,
    hostile: generic.hostile,
  },
  auth0: {
    issuer: auth0.issuer,
    tokenEndpoint: `${auth0.issuer}oauth/token`,
    jwksUri: `${auth0.issuer}.well-known/jwks.json`,
    client: auth0.client,
  },
  nocors: {
    issuer: nocors.issuer,
    tokenEndpoint: `${nocors.issuer}/token`,
    jwksUri: `${nocors.issuer}/jwks`,
    client: nocors.client,
  },
  keyHosts: {
    port: keyHostPort,
    hosts: Object.values(KEY_HOSTS),
    hitsUrl: `${origin('static')}/__e2e/keyhosts-hits`,
    responses: keyHostResponses(),
    entra: {
      endpoint: `https://${KEY_HOSTS.entra}/${ENTRA_TENANT}/oauth2/v2.0/token`,
      clientId: ENTRA_CLIENT,
    },
    cognito: {
      endpoint: `https://${KEY_HOSTS.cognitoDomain}/oauth2/token`,
      clientId: COGNITO_CLIENT,
    },
    other: {
      endpoint: `https://${KEY_HOSTS.otherEndpoint}/oauth/token`,
      clientId: 'lesson-client',
      issuerHost: KEY_HOSTS.otherIssuer,
    },
  },
  fixtures: {
    notfound: origin('notfound'),
    html: origin('html'),
    slow: origin('slow'),
    stopped: origin('stopped'),
    // A response the "stopped" issuer gave before it went down.
    stoppedResponse: mintResponse(`${origin('stopped')}/`, 'fixture-client'),
  },
};
process.stdout.write(`${JSON.stringify(ready)}\n`);
log(`ready: site ${ready.site}, host snippet from ${snippet.source}`);

function shutdown() {
  for (const res of slowSockets) res.destroy();
  for (const s of Object.values(servers)) s.close();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// The harness holds our stdin: when it goes away (even killed), we go too.
process.stdin.on('end', shutdown);
process.stdin.on('close', shutdown);
process.stdin.resume();
