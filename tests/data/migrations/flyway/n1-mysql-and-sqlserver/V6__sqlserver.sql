EXEC sp_rename 'dbo.Orders.Note', 'Comment', 'COLUMN';
EXEC sp_rename 'dbo.Invoices', 'Bills';
EXEC sp_rename N'dbo.Orders.IX_Old', N'IX_New', N'INDEX';
