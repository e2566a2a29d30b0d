-- *.icp files are Ideal Customer Profiles.
vim.filetype.add({ extension = { icp = 'icp' } })
