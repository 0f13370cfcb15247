import { Component, type ErrorInfo, type ReactNode } from 'react';
import { errorRef } from '../api/ApiError.js';

interface Props {
  children: ReactNode;
  /** Changing this key clears the error (e.g. moving to another screen). */
  resetKey?: string;
}
interface State {
  error: unknown;
}

/** A screen never takes the whole app down: it shows a short apology with the reference to quote. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Screen error', error, info.componentStack);
  }

  override componentDidUpdate(prev: Props): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const ref = errorRef(this.state.error);
    return (
      <div className="alert" role="alert">
        <p>Sorry, this screen ran into a problem and could not be shown.</p>
        {ref && (
          <p>
            Quote this reference if you report it: <strong>{ref}</strong>
          </p>
        )}
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
