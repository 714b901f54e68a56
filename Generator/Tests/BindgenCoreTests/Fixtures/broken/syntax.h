int fine(void);
int broken(;
