EXEC sp_rename N'dbo.Orders.IX_New', N'IX_Old', N'INDEX';
EXEC sp_rename 'dbo.Bills', 'Invoices';
EXEC sp_rename 'dbo.Orders.Comment', 'Note', 'COLUMN';
