"""The Overview tab: the office at a glance, in charts and figures that open the lists behind them."""
