/**
 * Zoned wall-clock time lives in shared/ since the renderer lays out its calendar with the same
 * arithmetic; the engine's folders keep importing it from here.
 */
export * from '../../../shared/domain/zoned-time';
