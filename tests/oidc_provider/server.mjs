// A real OpenID Provider for Mentorsag's tests: oidc-provider, the certified Node
// implementation. Its configuration (issuer port, clients, accounts, signing keys) comes
// from the test as JSON in OIDC_TEST_KONFIG; it prints "KLAR <port>" when it listens.
// The accounts' claims are read from a JSON file at every login, so a test can change a
// person's roles between two logins.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

const cfg = JSON.parse(process.env.OIDC_TEST_KONFIG);

const server = http.createServer();
server.listen(0, 'localhost', () => {
  const { port } = server.address();
  const provider = new Provider(`http://localhost:${port}`, {
    clients: cfg.clients,
    jwks: cfg.jwks,
    // PKCE for every client, not only public ones: a flow without it is refused.
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'name'],
      roller: ['roles', 'groups', 'acr_nsis'],
    },
    // The claims of the granted scopes go into the ID token, as Entra ID puts roles there.
    conformIdTokenClaims: false,
    findAccount: async (ctx, id) => {
      const claims = JSON.parse(readFileSync(cfg.konti_fil, 'utf8'))[id];
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
    cookies: { keys: ['kun-til-test'] },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
  });
  server.on('request', provider.callback());
  console.log(`KLAR ${port}`);
});
