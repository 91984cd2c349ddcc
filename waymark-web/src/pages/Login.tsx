import { useState, type FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { Field } from "../components/Field";
import { useApp } from "../context";
import { ApiError } from "../lib/api";
import type { Language } from "../lib/i18n";
import { homeOf } from "../lib/roles";

export function LoginPage() {
  const { t, me, login, prefs, setPrefs } = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const next = params.get("next");
  const target = (role: Parameters<typeof homeOf>[0]) => (next && next.startsWith("/") && !next.startsWith("//") ? next : homeOf(role));
  if (me) return <Navigate to={target(me.role)} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const m = await login(username, password);
      navigate(target(m.role), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <form className="card login-card" onSubmit={submit} noValidate>
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <h1>Waymark</h1>
            <p className="muted">{t("login.tagline")}</p>
          </div>
        </div>
        <Field id="username" label={t("login.username")} error={error?.reasonFor("username")}>
          <input id="username" name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </Field>
        <Field id="password" label={t("login.password")} error={error?.reasonFor("password")}>
          <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        {error && !error.reasonFor("username") && !error.reasonFor("password") && (
          <div className="alert alert-error" role="alert" data-testid="login-error">
            {error.status === 401 ? t("login.failed") : t("error.generic")} <span className="server-message">{error.reasonFor("credentials") ?? error.message}</span>
          </div>
        )}
        <button className="btn btn-primary btn-block" type="submit" disabled={busy} data-testid="login-submit">
          {busy ? t("state.working") : t("login.submit")}
        </button>
        <div className="login-foot">
          <select aria-label={t("prefs.language")} value={prefs.language} onChange={(e) => setPrefs({ ...prefs, language: e.target.value as Language })}>
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
          <span className="muted small">{t("login.hint")}</span>
        </div>
      </form>
    </div>
  );
}
