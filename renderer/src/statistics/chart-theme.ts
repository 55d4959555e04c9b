import { useEffect, useState } from 'react';

/** The design tokens a chart is drawn with, read from the page so both themes follow. */
export interface ChartTheme {
  text: string;
  muted: string;
  border: string;
  panel: string;
  series: string[];
  heatLow: string;
  heatHigh: string;
  font: string;
}

function token(styles: CSSStyleDeclaration, name: string, fallback: string): string {
  return styles.getPropertyValue(name).trim() || fallback;
}

export function readChartTheme(): ChartTheme {
  const styles = getComputedStyle(document.documentElement);
  return {
    text: token(styles, '--text', '#1c1f24'),
    muted: token(styles, '--muted', '#5d6673'),
    border: token(styles, '--border', '#dde1e6'),
    panel: token(styles, '--panel', '#ffffff'),
    series: [1, 2, 3, 4, 5, 6].map((n) => token(styles, `--chart-${n}`, '#5b4ee6')),
    heatLow: token(styles, '--chart-heat-low', '#ece9fd'),
    heatHigh: token(styles, '--chart-heat-high', '#3c2fc4'),
    font: token(styles, '--font-sans', 'sans-serif'),
  };
}

/** The chart tokens, read again whenever the theme (`data-theme` on the root) changes. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readChartTheme);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(readChartTheme()));
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme'],
    });
    return () => observer.disconnect();
  }, []);
  return theme;
}
