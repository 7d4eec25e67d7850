"""IP Aid: how intellectual property helped China's targeted poverty alleviation."""
